using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Validation.Schema;

/// <summary>
/// A location inside a leaf, from a schema result's instance location (a JSON Pointer such as
/// <c>/seed_examples/2/question</c>), that can find its YAML node and describe itself in a contributor's words
/// ("`question` of seed example 3"). Segments are property names (string) and item indexes (int).
/// </summary>
public sealed record FieldPath(IReadOnlyList<object> Segments)
{
    /// <summary>
    /// The path of a JSON Pointer into <paramref name="instance"/>: a segment is an index where the value it steps
    /// into is an array, so a key that happens to be digits stays a key.
    /// </summary>
    public static FieldPath FromPointer(string pointer, System.Text.Json.JsonElement instance)
    {
        var segments = new List<object>();
        if (pointer.Length == 0 || pointer == "/") return new FieldPath(segments);
        System.Text.Json.JsonElement? current = instance;
        foreach (var raw in pointer.TrimStart('/').Split('/'))
        {
            var name = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current is { ValueKind: System.Text.Json.JsonValueKind.Array } array &&
                int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                segments.Add(index);
                current = index < array.GetArrayLength() ? array[index] : null;
            }
            else
            {
                segments.Add(name);
                current = current is { ValueKind: System.Text.Json.JsonValueKind.Object } obj && obj.TryGetProperty(name, out var value) ? value : null;
            }
        }

        return new FieldPath(segments);
    }

    public FieldPath Parent => new(Segments.Take(Math.Max(0, Segments.Count - 1)).ToList());

    public string? LastName => Segments.Count > 0 ? Segments[^1] as string : null;

    /// <summary>The node at this path, and the mapping entry holding it when the last step is a key.</summary>
    public (YamlNode? Node, YamlMappingEntry? Entry) Find(YamlNode root)
    {
        YamlNode? current = root;
        YamlMappingEntry? entry = null;
        foreach (var segment in Segments)
        {
            entry = null;
            switch (current, segment)
            {
                case (YamlMapping mapping, string name):
                    entry = mapping.Find(name);
                    current = entry?.Value;
                    break;
                case (YamlSequence sequence, int index) when index < sequence.Items.Count:
                    current = sequence.Items[index];
                    break;
                default:
                    return (null, null);
            }

            if (current is null) return (null, entry);
        }

        return (current, entry);
    }

    /// <summary>"`question` of seed example 3", "seed example 2", "`document`", or "the file" for the root.</summary>
    public string Describe()
    {
        if (Segments.Count == 0) return "the file";
        var parts = new List<string>();
        for (var i = Segments.Count - 1; i >= 0; i--)
        {
            switch (Segments[i])
            {
                case int index:
                    var list = i > 0 ? Segments[i - 1] as string : null;
                    parts.Add($"{ItemName(list)} {index + 1}");
                    i--; // the list's own name is said by the item name
                    break;
                case string name:
                    parts.Add($"`{name}`");
                    break;
            }
        }

        return string.Join(" of ", parts);
    }

    private static string ItemName(string? list) => list switch
    {
        "seed_examples" => "seed example",
        "questions_and_answers" => "question-and-answer pair",
        "patterns" => "pattern",
        null => "item",
        _ => $"`{list}` item",
    };
}
