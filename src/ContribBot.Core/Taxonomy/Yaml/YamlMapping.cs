using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>
/// A mapping in source order. Duplicate keys are dropped here the way PyYAML does it (the last one wins); the
/// reader records them separately so the duplicate-key rule can report both lines.
/// </summary>
public sealed record YamlMapping(SourcePosition Start, IReadOnlyList<YamlMappingEntry> Entries) : YamlNode(Start)
{
    public override string Description => "a mapping (key: value pairs)";

    public YamlMappingEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.KeyText == key) return entry;
        }

        return null;
    }

    public YamlNode? this[string key] => Find(key)?.Value;
}
