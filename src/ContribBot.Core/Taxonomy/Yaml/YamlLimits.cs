namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>
/// Bounds on untrusted YAML (files from forks). A real <c>qna.yaml</c> is a few kilobytes, a few levels deep and a few
/// thousand nodes; the defaults leave a wide margin while stopping hostile files (huge files, deep nesting, the
/// "billion laughs" alias bomb) after little work and little memory.
/// </summary>
public sealed record YamlLimits
{
    public static YamlLimits Default { get; } = new();

    /// <summary>Largest file read, in bytes. Default 1 MiB.</summary>
    public long MaxFileBytes { get; init; } = 1024 * 1024;

    /// <summary>Deepest nesting of mappings and lists. Default 64.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most nodes the document may stand for once aliases are expanded. Default 100,000.</summary>
    public long MaxExpandedNodes { get; init; } = 100_000;
}
