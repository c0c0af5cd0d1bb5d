using ContribBot.Core.Diagnostics;
using ContribBot.Core.Validation.Schema;

namespace ContribBot.Core.Validation.Rules;

/// <summary>Checks the leaf against the JSON Schema of its kind and declared version (codes CB02xx).</summary>
public sealed class SchemaRule(Task<SchemaSet> loading) : ILeafRule
{
    public SchemaRule(SchemaSet schemas)
        : this(Task.FromResult(schemas))
    {
    }

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        // Usually loaded long ago; a run that started loading them beside its first files waits here, once.
        var schemas = loading.GetAwaiter().GetResult();
        var schema = schemas.For(leaf.Kind, leaf.Version.Value);
        if (schema is null) return []; // VersionRule reports the unsupported version.
        using var document = YamlToJson.ToDocument(leaf.Root, digestLongStrings: !schema.ReadsStringContent);
        var json = document.RootElement;
        if (schema.Evaluate(json) is not { } results) return [];
        // A mistyped `version` is VersionRule's to report (CB0401), with a better message than the schema's.
        return new SchemaErrorMapper(leaf.FilePath, leaf.Root, schema, json)
            .Map(results, skip: path => path.Segments is [string name] && name == "version")
            .ToList();
    }
}
