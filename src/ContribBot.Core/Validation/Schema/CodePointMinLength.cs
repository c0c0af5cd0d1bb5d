using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace ContribBot.Core.Validation.Schema;

/// <summary>
/// <c>minLength</c> as JSON Schema defines it (a string's length in Unicode code points), answered with as little work
/// as the minimum needs: JsonSchema.Net's own handler counts every text element of every string, which made it most of
/// the cost of validating a taxonomy (long answers and contexts; every minimum in our schemas is 1, i.e. not empty).
/// </summary>
internal sealed class CodePointMinLength : IKeywordHandler
{
    public static CodePointMinLength Instance { get; } = new();

    public string Name => "minLength";

    public object? ValidateKeywordValue(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var minimum) && minimum >= 0
            ? minimum
            : throw new JsonSchemaException($"minLength must be a non-negative integer, not {value.GetRawText()}");

    public void BuildSubschemas(KeywordData keyword, BuildContext context)
    {
    }

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.String) return KeywordEvaluation.Ignore;
        var minimum = (int)keyword.Value!;
        var valid = minimum switch
        {
            0 => true,
            1 => !context.Instance.ValueEquals(string.Empty), // no copy of the string needed
            _ => HasAtLeast(context.Instance.GetString()!, minimum),
        };
        return new KeywordEvaluation
        {
            Keyword = Name,
            IsValid = valid,
            Error = valid ? null! : string.Create(CultureInfo.InvariantCulture, $"Value should be at least {minimum} characters"),
        };
    }

    private static bool HasAtLeast(string text, int minimum)
    {
        var count = 0;
        for (var i = 0; i < text.Length && count < minimum; i++, count++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
        }

        return count >= minimum;
    }
}
