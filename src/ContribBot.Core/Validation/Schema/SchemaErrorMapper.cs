using System.Text.Json;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Yaml;
using Json.Schema;

namespace ContribBot.Core.Validation.Schema;

/// <summary>
/// Turns JsonSchema.Net's results into diagnostics at the YAML key or value they concern, with messages and hints a
/// contributor can act on (the reference prints raw schema messages at column 1). What the library reports is the
/// failing keyword at an instance location; what is missing, unknown or too few is read from the leaf and the schema.
/// </summary>
internal sealed class SchemaErrorMapper(string filePath, YamlMapping root, LeafSchema schema, JsonElement json)
{
    /// <param name="skip">Instance locations another rule reports better (e.g. <c>version</c>).</param>
    public IEnumerable<Diagnostic> Map(EvaluationResults results, Func<FieldPath, bool>? skip = null)
    {
        var seen = new HashSet<(string, int, int, string)>();
        foreach (var node in Failing(results))
        {
            var path = FieldPath.FromPointer(node.InstanceLocation.ToString(), json);
            if (skip?.Invoke(path) == true) continue;
            foreach (var keyword in node.Errors!.Keys)
            {
                foreach (var diagnostic in MapOne(keyword, path, node))
                {
                    // The same problem can be reached along two evaluation paths; say it once.
                    if (seen.Add((diagnostic.Id, diagnostic.Position.Line, diagnostic.Position.Column, diagnostic.Message))) yield return diagnostic;
                }
            }
        }
    }

    /// <summary>Every node with errors, the root's own included, in the order evaluated.</summary>
    private static IEnumerable<EvaluationResults> Failing(EvaluationResults results)
    {
        if (results.Errors is { Count: > 0 }) yield return results;
        foreach (var detail in results.Details ?? [])
        {
            foreach (var failing in Failing(detail)) yield return failing;
        }
    }

    private IEnumerable<Diagnostic> MapOne(string keyword, FieldPath path, EvaluationResults node)
    {
        switch (keyword)
        {
            case "required":
            {
                var (parentNode, parentEntry) = path.Find(root);
                var where = path.Segments.Count == 0 ? string.Empty : $" in {path.Describe()}";
                var at = parentEntry?.Key.Start ?? parentNode?.Start ?? SourcePosition.FileStart;
                foreach (var name in Missing(path))
                {
                    yield return SchemaDiagnostics.MissingField.At(filePath, at, name, where).WithHint(FieldHints.ForMissing(name));
                }

                yield break;
            }

            // additionalProperties: false fails at the unknown field itself, as the false schema's empty keyword.
            case "" or "false" when node.EvaluationPath.ToString().EndsWith("/additionalProperties", StringComparison.Ordinal):
            {
                var (_, entry) = path.Find(root);
                var name = path.LastName ?? "?";
                var where = path.Parent.Segments.Count == 0 ? string.Empty : $" in {path.Parent.Describe()}";
                yield return SchemaDiagnostics.UnknownField.At(filePath, entry?.Key.Start ?? SourcePosition.FileStart, name, where)
                    .WithHint(FieldHints.ForUnknown(name, AllowedFields(path.Parent)));
                yield break;
            }

            case "minLength":
            {
                var (node2, entry) = path.Find(root);
                yield return SchemaDiagnostics.EmptyText.At(filePath, Position(node2, entry), path.Describe());
                yield break;
            }

            case "minItems":
            {
                var (list, entry) = path.Find(root);
                var count = list is YamlSequence sequence ? sequence.Items.Count : 0;
                var minimum = schema.At(path.Segments) is { } sub && sub.TryGetProperty("minItems", out var min) && min.TryGetInt32(out var value) ? value : 0;
                yield return SchemaDiagnostics.TooFewItems.At(filePath, entry?.Key.Start ?? Position(list, entry), path.Describe(), count, minimum)
                    .WithHint(FieldHints.ForTooFew(path.LastName));
                yield break;
            }

            case "uniqueItems":
                yield return DuplicateItem(path, node.InstanceLocation.Evaluate(json));
                yield break;

            case "type" when ExpectedType(path) is { } expected:
            {
                var (value, entry) = path.Find(root);
                var actual = value?.Description ?? "missing";
                yield return SchemaDiagnostics.WrongType.At(filePath, Position(value, entry), Capitalise(path.Describe()), expected, actual)
                    .WithHint(FieldHints.ForWrongType(value, expected, entry?.KeyText));
                yield break;
            }

            default:
            {
                var (other, otherEntry) = path.Find(root);
                yield return SchemaDiagnostics.OtherViolation.At(filePath, Position(other, otherEntry), Capitalise(path.Describe()), Words(keyword));
                yield break;
            }
        }
    }

    /// <summary>The required fields of the mapping at the path that it does not have, in the schema's order.</summary>
    private IEnumerable<string> Missing(FieldPath path)
    {
        if (schema.At(path.Segments) is not { } sub || !sub.TryGetProperty("required", out var required)) return [];
        var (node, _) = path.Find(root);
        var mapping = path.Segments.Count == 0 ? root : node as YamlMapping;
        return required.EnumerateArray()
            .Select(name => name.GetString() ?? "?")
            .Where(name => mapping?.Find(name) is null)
            .ToList();
    }

    /// <param name="value">The JSON value the path points at (the list the schema found duplicates in).</param>
    private Diagnostic DuplicateItem(FieldPath path, JsonElement? value)
    {
        var (node, entry) = path.Find(root);
        if (node is YamlSequence sequence && value is { ValueKind: JsonValueKind.Array } array)
        {
            var items = array.EnumerateArray().ToList();
            for (var later = 1; later < items.Count && later < sequence.Items.Count; later++)
            {
                for (var earlier = 0; earlier < later; earlier++)
                {
                    if (!JsonElement.DeepEquals(items[later], items[earlier])) continue;
                    var laterPath = new FieldPath([.. path.Segments, later]);
                    var earlierPath = new FieldPath([.. path.Segments, earlier]);
                    return SchemaDiagnostics.DuplicateItem.At(filePath, sequence.Items[later].Start,
                        Capitalise(laterPath.Describe()), earlierPath.Describe(), sequence.Items[earlier].Start.Line);
                }
            }
        }

        return SchemaDiagnostics.DuplicateItem.At(filePath, Position(node, entry), Capitalise(path.Describe()), "another item", "?");
    }

    private IReadOnlyList<string> AllowedFields(FieldPath parent) =>
        schema.At(parent.Segments) is { } sub && sub.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(property => property.Name).ToList()
            : [];

    /// <summary>The schema's type at the path, in a contributor's words.</summary>
    private string? ExpectedType(FieldPath path) =>
        schema.At(path.Segments) is { } sub && sub.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString() switch
            {
                "string" => "text",
                "integer" => "a whole number",
                "number" => "a number",
                "array" => "a list",
                "object" => "a mapping (key: value pairs)",
                "boolean" => "true or false",
                _ => null,
            }
            : null;

    private static SourcePosition Position(YamlNode? node, YamlMappingEntry? entry) =>
        node is YamlScalar { Type: YamlScalarType.Null, Text.Length: 0 } && entry is not null
            ? entry.Key.Start // an empty value has no text of its own to point at
            : node?.Start ?? entry?.Key.Start ?? SourcePosition.FileStart;

    /// <summary>What a keyword without a dedicated code objects to, in words ("maxLength" → "text too long").</summary>
    private static string Words(string keyword) => keyword switch
    {
        "maxLength" => "text too long",
        "maxItems" => "too many items",
        "minimum" or "exclusiveMinimum" => "number too small",
        "maximum" or "exclusiveMaximum" => "number too large",
        "pattern" => "text not in the expected form",
        "enum" or "const" => "not one of the allowed values",
        _ => string.Concat(keyword.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())),
    };

    private static string Capitalise(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;
}
