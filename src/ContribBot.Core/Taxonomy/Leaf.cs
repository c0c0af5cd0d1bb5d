namespace ContribBot.Core.Taxonomy;

/// <summary>
/// What later stages (generation, dataset build) key caches and provenance on: the leaf's place and kind, its format
/// version, the git blob id of its content, the commit that last changed it (null outside git, or when the change is
/// not committed yet), and for knowledge the document files it was resolved to.
/// </summary>
public sealed record Leaf(TaxonomyPath Path, LeafKind Kind, int Version, string BlobId, string? LastCommit)
{
    /// <summary>For knowledge leaves whose document was resolved: the document files with their blob ids.</summary>
    public IReadOnlyList<DocumentFile> Documents { get; init; } = [];
}
