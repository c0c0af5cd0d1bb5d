using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>
/// A node of a parsed YAML document that remembers where it came from, so every later diagnostic can point at the
/// exact key or value. Nodes reached through an alias are the same object as their anchor (never copied).
/// </summary>
public abstract record YamlNode(SourcePosition Start)
{
    /// <summary>Number of nodes in this subtree once aliases are expanded (what a naive loader would build).</summary>
    public long ExpandedSize { get; init; } = 1;

    /// <summary>What kind of value this is, in the words a contributor reads in a message.</summary>
    public abstract string Description { get; }
}
