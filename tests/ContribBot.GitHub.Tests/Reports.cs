using System.Text.Json.Nodes;
using ContribBot.Core.Reports.Preview;

namespace ContribBot.GitHub.Tests;

/// <summary>report.json documents built in the test, the way preview writes them (only the fields publishing reads).</summary>
internal static class Reports
{
    public static PublishedReport WithDiagnostics(int count, string message = "`answer` of seed example 1 must be text, but is the boolean `yes`") =>
        ReportJsonReader.Read(Json(count, message, samples: []).ToJsonString());

    public static JsonObject Json(int diagnostics, string message, JsonObject[] samples)
    {
        var list = new JsonArray();
        for (var i = 0; i < diagnostics; i++)
        {
            list.Add(new JsonObject
            {
                ["code"] = "CB0203",
                ["severity"] = i % 2 == 0 ? "error" : "warning",
                ["file"] = $"compositional_skills/math/leaf_{i / 10}/qna.yaml",
                ["line"] = i + 1,
                ["column"] = 13,
                ["title"] = "Wrong type",
                ["message"] = message,
                ["hint"] = "Quote it so YAML reads it as text: answer: \"yes\"",
            });
        }

        return new JsonObject
        {
            ["summary"] = new JsonObject { ["files"] = 1, ["leaves"] = 1, ["errors"] = (diagnostics + 1) / 2, ["warnings"] = diagnostics / 2 },
            ["diagnostics"] = list,
            ["files"] = new JsonArray(new JsonObject { ["path"] = "compositional_skills/math/leaf_0/qna.yaml", ["role"] = "leaf" }),
            ["dryRun"] = false,
            ["preview"] = new JsonObject
            {
                ["status"] = "complete",
                ["teacherModel"] = "openai/gpt-4.1-mini",
                ["criticModel"] = "openai/gpt-4.1-mini",
                ["samplesPerLeaf"] = 5,
                ["usage"] = new JsonObject { ["calls"] = 11, ["promptTokens"] = 2000, ["completionTokens"] = 400 },
            },
            ["leaves"] = new JsonArray(new JsonObject
            {
                ["path"] = "compositional_skills/math/leaf_0",
                ["kind"] = "freeform_skill",
                ["file"] = "compositional_skills/math/leaf_0/qna.yaml",
                ["samples"] = new JsonArray(samples.Select(sample => (JsonNode)sample).ToArray()),
                ["quality"] = new JsonObject { ["generated"] = samples.Length, ["kept"] = samples.Length },
            }),
        };
    }
}
