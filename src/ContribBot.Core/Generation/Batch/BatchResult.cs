using System.Text;
using System.Text.Json;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Generation.Batch;

/// <summary>
/// One line of a batch output file (OpenAI's format, which vLLM's <c>run-batch</c> writes too): the call's key and
/// either its reply or why there is none. Output files come from another system, so any line may be damaged.
/// </summary>
public sealed record BatchResult(string Key, ChatReply? Reply, string? Error)
{
    /// <summary>Longest line read; a longer one is reported as damaged rather than held in memory.</summary>
    public const int MaxLineCharacters = 16 * 1024 * 1024;

    /// <summary>The results of a file, and how many lines could not be read at all.</summary>
    public static (IReadOnlyList<BatchResult> Results, int Unreadable) ReadFile(string path)
    {
        var results = new List<BatchResult>();
        var unreadable = 0;
        using var reader = new StreamReader(path, Encoding.UTF8);
        var buffer = new StringBuilder();
        while (ReadLine(reader, buffer) is { } line)
        {
            if (line.Length == 0) continue;
            if (Parse(line) is { } result) results.Add(result);
            else unreadable++;
        }

        return (results, unreadable);
    }

    public static BatchResult? Parse(string line)
    {
        if (line.Length > MaxLineCharacters) return null;
        try
        {
            using var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("custom_id", out var id) || id.ValueKind != JsonValueKind.String) return null;
            var key = id.GetString()!;
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return new BatchResult(key, null, error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : error.GetRawText());
            }

            if (!root.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Object) return new BatchResult(key, null, "no response");
            var status = response.TryGetProperty("status_code", out var code) && code.TryGetInt32(out var number) ? number : 0;
            if (status != 200) return new BatchResult(key, null, $"HTTP {status}");
            if (!response.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object
                || !body.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0
                || !choices[0].TryGetProperty("message", out var reply) || reply.ValueKind != JsonValueKind.Object
                || !reply.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
            {
                return new BatchResult(key, null, "the response holds no message");
            }

            var usage = body.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
            return new BatchResult(key, new ChatReply(content.GetString()!, Tokens(usage, "prompt_tokens"), Tokens(usage, "completion_tokens")), null);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string escaping a lone surrogate, valid JSON that .NET cannot read as text.
            return null;
        }
    }

    private static int Tokens(JsonElement usage, string name) =>
        usage.ValueKind == JsonValueKind.Object && usage.TryGetProperty(name, out var value) && value.TryGetInt32(out var count) && count >= 0 ? count : 0;

    /// <summary>A line, or null at the end; a line over the limit is skipped to its end and returned as one character too many.</summary>
    private static string? ReadLine(StreamReader reader, StringBuilder buffer)
    {
        buffer.Clear();
        while (true)
        {
            var c = reader.Read();
            if (c < 0) return buffer.Length == 0 ? null : buffer.ToString();
            if (c == '\n') return buffer.ToString();
            if (buffer.Length <= MaxLineCharacters) buffer.Append((char)c);
        }
    }
}
