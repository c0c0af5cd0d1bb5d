using System.Text.Json;

namespace ContribBot.Core.Generation;

/// <summary>
/// Reads the JSON object a model was asked for out of what it actually sent: bare JSON, JSON in a Markdown code fence,
/// or JSON with chatter around it (servers that ignore <c>response_format</c> do all three). Anything else is null,
/// never an exception: the caller drops the sample as <c>unparseable</c>.
/// </summary>
public static class JsonReply
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Longest reply looked at; a teacher stuck in a loop does not get to make us parse megabytes.</summary>
    public const int MaxLength = 256 * 1024;

    public static JsonElement? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength) return null;
        return TryObject(text.Trim()) ?? FromFence(text) ?? FromBraces(text);
    }

    private static JsonElement? FromFence(string text)
    {
        var open = text.IndexOf("```", StringComparison.Ordinal);
        if (open < 0) return null;
        var bodyStart = text.IndexOf('\n', open);
        if (bodyStart < 0) return null;
        var close = text.IndexOf("```", bodyStart, StringComparison.Ordinal);
        return close < 0 ? null : TryObject(text[(bodyStart + 1)..close].Trim());
    }

    /// <summary>The first balanced <c>{…}</c> span that parses (strings and escapes respected).</summary>
    private static JsonElement? FromBraces(string text)
    {
        for (var start = text.IndexOf('{', StringComparison.Ordinal); start >= 0; start = text.IndexOf('{', start + 1))
        {
            if (MatchingBrace(text, start) is { } end && TryObject(text[start..(end + 1)]) is { } found) return found;
        }

        return null;
    }

    private static int? MatchingBrace(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            }
            else if (c == '"') inString = true;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }

        return null;
    }

    private static JsonElement? TryObject(string candidate)
    {
        if (candidate.Length == 0 || candidate[0] != '{') return null;
        try
        {
            using var document = JsonDocument.Parse(candidate, Options);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
