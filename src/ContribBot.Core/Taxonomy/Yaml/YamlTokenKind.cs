namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>The scanner tokens the lint rules look at (spacing around <c>:</c>, <c>-</c>, <c>,</c>, braces, indentation).</summary>
public enum YamlTokenKind
{
    Other,
    Key,
    Value,
    BlockEntry,
    FlowEntry,
    FlowMappingStart,
    FlowMappingEnd,
    FlowSequenceStart,
    FlowSequenceEnd,
    BlockMappingStart,
    BlockSequenceStart,
    BlockEnd,
    Scalar,
}
