using System.Text.Json.Nodes;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Generation.Batch;

/// <summary>
/// One call waiting for a batch: its key (the <c>custom_id</c>, so a result finds its way back), the model that must
/// answer it, and the request. <see cref="ToLine"/> is the line of an OpenAI Batch API input file, the format vLLM's
/// <c>run-batch</c> reads too.
/// </summary>
public sealed record BatchRequest(string Key, string Model, ChatRequest Request)
{
    public const string Endpoint = "/v1/chat/completions";

    public string ToLine()
    {
        var body = new JsonObject
        {
            ["model"] = Model,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = Request.System },
                new JsonObject { ["role"] = "user", ["content"] = Request.User }),
            ["temperature"] = Request.Temperature,
            ["max_tokens"] = Request.MaxTokens,
            ["response_format"] = new JsonObject
            {
                ["type"] = "json_schema",
                ["json_schema"] = new JsonObject
                {
                    ["name"] = Request.SchemaName,
                    ["schema"] = JsonNode.Parse(Request.JsonSchema),
                    ["strict"] = true,
                },
            },
        };
        return new JsonObject { ["custom_id"] = Key, ["method"] = "POST", ["url"] = Endpoint, ["body"] = body }.ToJsonString();
    }
}
