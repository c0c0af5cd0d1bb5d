using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ContribBot.Core.Validation.Schema;

/// <summary>
/// One JSON Schema (draft 2020-12) built by JsonSchema.Net, with its source kept to answer what the mapper asks of
/// the subschema at an instance location: its required and allowed fields, its minimum count, its type.
/// </summary>
public sealed class LeafSchema
{
    private static readonly EvaluationOptions Flag = WithoutAnnotations(new EvaluationOptions { OutputFormat = OutputFormat.Flag });
    private static readonly EvaluationOptions List = new() { OutputFormat = OutputFormat.List };

    private readonly JsonSchema _schema;
    private readonly JsonElement _source;

    private LeafSchema(JsonSchema schema, JsonElement source) => (_schema, _source) = (schema, source);

    // Annotations (titles, descriptions, evaluated properties) are never read: collecting them is wasted work.
    private static EvaluationOptions WithoutAnnotations(EvaluationOptions options)
    {
        options.IgnoreAllAnnotations();
        return options;
    }

    /// <summary>The dialect our schemas are written in, with a <c>minLength</c> that does only the work it needs.</summary>
    private const string Draft202012 = "https://json-schema.org/draft/2020-12/schema";

    private static readonly Dialect Dialect = Dialect.Draft202012.With([CodePointMinLength.Instance], null, null, null);

    /// <summary>Builds a schema written in draft 2020-12 (its <c>$schema</c> must say so).</summary>
    public static LeafSchema Parse(string json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new JsonSchemaException("a schema must be a JSON object");
        if (node["$schema"]?.GetValue<string>() != Draft202012)
        {
            throw new JsonSchemaException($"the schema must declare \"$schema\": \"{Draft202012}\"");
        }

        // The declared dialect would pick the library's own handlers: build with ours, which is 2020-12 plus one
        // handler, and keep the declaration in the source.
        JsonElement source;
        using (var document = JsonDocument.Parse(json)) source = document.RootElement.Clone();
        node.Remove("$schema");
        // Each schema is built into its own registry: schemas without an $id must not meet in the global one.
        var schema = JsonSchema.FromText(node.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect });
        return new LeafSchema(schema, source) { ReadsStringContent = ReadsStrings(source) };
    }

    /// <summary>
    /// Whether any keyword looks at a string's characters beyond "is it empty": then strings must reach the schema as
    /// written. Ours do not, so long strings may reach it as digests (<see cref="YamlToJson.ToDocument"/>).
    /// </summary>
    public bool ReadsStringContent { get; private init; }

    private static readonly HashSet<string> StringContentKeywords =
        new(StringComparer.Ordinal) { "maxLength", "pattern", "patternProperties", "format", "enum", "const", "contentEncoding", "contentMediaType", "contentSchema", "$ref", "$dynamicRef", "if", "not", "anyOf", "oneOf", "allOf", "contains" };

    private static bool ReadsStrings(JsonElement schema) => schema.ValueKind switch
    {
        JsonValueKind.Object => schema.EnumerateObject().Any(keyword =>
            StringContentKeywords.Contains(keyword.Name) ||
            (keyword.Name == "minLength" && (!keyword.Value.TryGetInt32(out var minimum) || minimum > 1)) ||
            (keyword.Name is not ("description" or "title" or "required" or "$comment" or "examples" or "default") && ReadsStrings(keyword.Value))),
        JsonValueKind.Array => schema.EnumerateArray().Any(ReadsStrings),
        _ => false,
    };

    /// <summary>Null when the instance is valid; otherwise every failing node, flat (the "list" output format).</summary>
    public EvaluationResults? Evaluate(JsonElement instance)
    {
        // Most leaves are valid: the pass/fail answer is cheaper, and only a failure is evaluated again for details.
        if (_schema.Evaluate(instance, Flag).IsValid) return null;
        return _schema.Evaluate(instance, List);
    }

    /// <summary>
    /// The subschema that applies at an instance location (segments of property names and item indexes), following
    /// <c>properties</c> and <c>items</c>, the only applicators these schemas use; null when there is none.
    /// </summary>
    public JsonElement? At(IReadOnlyList<object> segments)
    {
        var current = _source;
        foreach (var segment in segments)
        {
            var next = segment switch
            {
                string name when current.TryGetProperty("properties", out var properties) && properties.TryGetProperty(name, out var property) => property,
                int when current.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object => items,
                _ => (JsonElement?)null,
            };
            if (next is not { } found) return null;
            current = found;
        }

        return current;
    }
}
