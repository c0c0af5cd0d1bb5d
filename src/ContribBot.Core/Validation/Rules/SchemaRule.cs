using ContribBot.Core.Diagnostics;
using ContribBot.Core.Validation.Schema;

namespace ContribBot.Core.Validation.Rules;

/// <summary>Checks the leaf against the JSON Schema of its kind and declared version (codes CB02xx).</summary>
public sealed class SchemaRule(SchemaSet schemas) : ILeafRule
{
    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        var schema = schemas.For(leaf.Kind, leaf.Version.Value);
        if (schema is null) return []; // VersionRule reports the unsupported version.
        var json = YamlToJson.Convert(leaf.Root);
        // A mistyped `version` is VersionRule's to report (CB0401), with a better message than the schema's.
        var errors = schema.Validate(json).Where(error => error.Path != "#/version").ToList();
        if (errors.Count == 0) return [];
        return new SchemaErrorMapper(leaf.FilePath, leaf.Root, schema, json).Map(errors).ToList();
    }
}
