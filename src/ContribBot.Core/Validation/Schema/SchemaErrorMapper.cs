using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Yaml;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace ContribBot.Core.Validation.Schema;

/// <summary>
/// Turns NJsonSchema's errors into diagnostics at the YAML key or value they concern, with messages and hints a
/// contributor can act on (the reference prints raw schema messages at column 1).
/// </summary>
internal sealed class SchemaErrorMapper(string filePath, YamlMapping root, JsonSchema schema, JToken json)
{
    public IEnumerable<Diagnostic> Map(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child)
            {
                foreach (var inner in Map(child.Errors.Values.SelectMany(list => list))) yield return inner;
                continue;
            }

            yield return MapOne(error);
        }
    }

    private Diagnostic MapOne(ValidationError error)
    {
        var path = FieldPath.Parse(error.Path);
        switch (error.Kind)
        {
            case ValidationErrorKind.PropertyRequired:
            {
                var parent = path.Parent;
                var (parentNode, parentEntry) = parent.Find(root);
                var where = parent.Segments.Count == 0 ? string.Empty : $" in {parent.Describe()}";
                var at = parentEntry?.Key.Start ?? parentNode?.Start ?? SourcePosition.FileStart;
                var name = path.LastName ?? error.Property ?? "?";
                return SchemaDiagnostics.MissingField.At(filePath, at, name, where)
                    .WithHint(FieldHints.ForMissing(name));
            }

            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
            {
                var (_, entry) = path.Find(root);
                var name = path.LastName ?? "?";
                var allowed = AllowedFields(path.Parent);
                var where = path.Parent.Segments.Count == 0 ? string.Empty : $" in {path.Parent.Describe()}";
                return SchemaDiagnostics.UnknownField.At(filePath, entry?.Key.Start ?? SourcePosition.FileStart, name, where)
                    .WithHint(FieldHints.ForUnknown(name, allowed));
            }

            case ValidationErrorKind.StringTooShort:
            {
                var (node, entry) = path.Find(root);
                return SchemaDiagnostics.EmptyText.At(filePath, Position(node, entry), path.Describe());
            }

            case ValidationErrorKind.TooFewItems:
            {
                var (node, entry) = path.Find(root);
                var count = node is YamlSequence sequence ? sequence.Items.Count : 0;
                var minimum = SchemaAt(path)?.MinItems ?? 0;
                return SchemaDiagnostics.TooFewItems.At(filePath, entry?.Key.Start ?? Position(node, entry), path.Describe(), count, minimum)
                    .WithHint(FieldHints.ForTooFew(path.LastName));
            }

            case ValidationErrorKind.ItemsNotUnique:
                return DuplicateItem(path);

            default:
                if (TypeName(error.Kind) is { } expected)
                {
                    var (node, entry) = path.Find(root);
                    var actual = node?.Description ?? "missing";
                    return SchemaDiagnostics.WrongType.At(filePath, Position(node, entry), Capitalise(path.Describe()), expected, actual)
                        .WithHint(FieldHints.ForWrongType(node, expected, entry?.KeyText));
                }

                var (other, otherEntry) = path.Find(root);
                return SchemaDiagnostics.OtherViolation.At(filePath, Position(other, otherEntry), Capitalise(path.Describe()), Words(error.Kind));
        }
    }

    private Diagnostic DuplicateItem(FieldPath path)
    {
        var (node, entry) = path.Find(root);
        var array = SelectToken(path) as JArray;
        if (node is YamlSequence sequence && array is not null)
        {
            for (var later = 1; later < array.Count && later < sequence.Items.Count; later++)
            {
                for (var earlier = 0; earlier < later; earlier++)
                {
                    if (!JToken.DeepEquals(array[later], array[earlier])) continue;
                    var laterPath = new FieldPath([.. path.Segments, later]);
                    var earlierPath = new FieldPath([.. path.Segments, earlier]);
                    return SchemaDiagnostics.DuplicateItem.At(filePath, sequence.Items[later].Start,
                        Capitalise(laterPath.Describe()), earlierPath.Describe(), sequence.Items[earlier].Start.Line);
                }
            }
        }

        return SchemaDiagnostics.DuplicateItem.At(filePath, Position(node, entry), Capitalise(path.Describe()), "another item", "?");
    }

    private JToken? SelectToken(FieldPath path)
    {
        JToken? current = json;
        foreach (var segment in path.Segments)
        {
            current = (current, segment) switch
            {
                (JObject obj, string name) => obj[name],
                (JArray arr, int index) when index < arr.Count => arr[index],
                _ => null,
            };
            if (current is null) return null;
        }

        return current;
    }

    private JsonSchema? SchemaAt(FieldPath path)
    {
        JsonSchema? current = schema;
        foreach (var segment in path.Segments)
        {
            current = segment switch
            {
                string name => current?.ActualProperties.TryGetValue(name, out var property) == true ? property.ActualSchema : null,
                int => current?.Item?.ActualSchema,
                _ => null,
            };
        }

        return current;
    }

    private IReadOnlyList<string> AllowedFields(FieldPath parent) =>
        SchemaAt(parent)?.ActualProperties.Keys.ToList() ?? [];

    private static SourcePosition Position(YamlNode? node, YamlMappingEntry? entry) =>
        node is YamlScalar { Type: YamlScalarType.Null, Text.Length: 0 } && entry is not null
            ? entry.Key.Start // an empty value has no text of its own to point at
            : node?.Start ?? entry?.Key.Start ?? SourcePosition.FileStart;

    private static string? TypeName(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.StringExpected => "text",
        ValidationErrorKind.IntegerExpected => "a whole number",
        ValidationErrorKind.NumberExpected => "a number",
        ValidationErrorKind.ArrayExpected => "a list",
        ValidationErrorKind.ObjectExpected => "a mapping (key: value pairs)",
        ValidationErrorKind.BooleanExpected => "true or false",
        _ => null,
    };

    /// <summary>"StringTooLong" → "string too long".</summary>
    private static string Words(ValidationErrorKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string Capitalise(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;
}
