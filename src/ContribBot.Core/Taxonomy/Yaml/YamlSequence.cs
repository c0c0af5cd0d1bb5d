using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>A sequence (a YAML list) in source order.</summary>
public sealed record YamlSequence(SourcePosition Start, IReadOnlyList<YamlNode> Items) : YamlNode(Start)
{
    public override string Description => "a list";
}
