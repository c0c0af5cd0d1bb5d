namespace ContribBot.Core.Git;

/// <summary>A changed file, by its path from the repository root ('/'-separated); renames and copies keep the old path.</summary>
public sealed record ChangedFile(string Path, string? OldPath, ChangeKind Kind)
{
    /// <summary>
    /// The 1-based lines of the new version that the change added or rewrote, for a modified, renamed or copied YAML
    /// file; null when every line counts as touched (an added file, or one whose lines were not compared).
    /// </summary>
    public IReadOnlySet<int>? TouchedLines { get; init; }
}
