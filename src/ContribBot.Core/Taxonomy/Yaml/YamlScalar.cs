using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>A scalar with its source text, its YAML 1.1 type and whether it was written without quotes.</summary>
public sealed record YamlScalar(SourcePosition Start, string Text, YamlScalarType Type, bool IsPlain)
    : YamlNode(Start)
{
    public override string Description => Type switch
    {
        YamlScalarType.String => "text",
        YamlScalarType.Null => "empty (null)",
        YamlScalarType.Boolean => $"the boolean `{Text}`",
        YamlScalarType.Integer => $"the number `{Text}`",
        YamlScalarType.Float => $"the number `{Text}`",
        YamlScalarType.Timestamp => $"the date `{Text}`",
        YamlScalarType.Binary => "binary data (`!!binary`)",
        _ => "a scalar",
    };
}
