namespace ContribBot.Core.Generation;

/// <summary>
/// A leaf to preview: its seeds and, for knowledge, its document chunks; or why it is skipped (validation errors,
/// documents that could not be resolved).
/// </summary>
public sealed record GenerationInput(LeafSeeds Seeds, IReadOnlyList<string> Chunks, string? SkipReason)
{
    public bool Skipped => SkipReason is not null;

    /// <summary>
    /// Skipped only because the preview stops at its leaf limit: the leaf is fine, and the full build (and so the
    /// dry run's estimate of it) still covers it.
    /// </summary>
    public bool OverPreviewLimit { get; init; }
}
