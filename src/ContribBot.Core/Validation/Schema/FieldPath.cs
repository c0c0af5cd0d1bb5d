using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Validation.Schema;

/// <summary>
/// A location inside a leaf, parsed from a schema error path such as <c>#/seed_examples[2].question</c>, that can find
/// its YAML node and describe itself in a contributor's words ("`question` of seed example 3").
/// </summary>
public sealed record FieldPath(IReadOnlyList<object> Segments)
{
    public static FieldPath Parse(string? schemaPath)
    {
        var segments = new List<object>();
        var text = (schemaPath ?? string.Empty).TrimStart('#').TrimStart('/');
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '.') { i++; continue; }
            if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0) break;
                if (int.TryParse(text.AsSpan(i + 1, close - i - 1), out var index)) segments.Add(index);
                i = close + 1;
                continue;
            }

            var end = text.IndexOfAny(['.', '['], i);
            if (end < 0) end = text.Length;
            segments.Add(text[i..end]);
            i = end;
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
