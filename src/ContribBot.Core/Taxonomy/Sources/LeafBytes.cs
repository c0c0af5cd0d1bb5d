namespace ContribBot.Core.Taxonomy.Sources;

/// <summary>
/// A file's content as a leaf source found it: its bytes, or only its length when it is over the size limit, or the
/// target of a link that leaves the taxonomy.
/// </summary>
public sealed record LeafBytes(byte[]? Content, long Length, string? EscapingLinkTarget = null);
