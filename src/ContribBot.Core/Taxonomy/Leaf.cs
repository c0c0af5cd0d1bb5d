namespace ContribBot.Core.Taxonomy;

/// <summary>
/// What later stages (generation, dataset build) key caches and provenance on: the leaf's place and kind, its format
/// version, the git blob id of its content, and the commit that last changed it (null outside git, or when the
/// change is not committed yet).
/// </summary>
public sealed record Leaf(TaxonomyPath Path, LeafKind Kind, int Version, string BlobId, string? LastCommit);
