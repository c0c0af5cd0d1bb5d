namespace ContribBot.Core.Git;

/// <summary>
/// What a pull request changes: the files that differ between the merge base of base and head, and head itself
/// (a commit, or the working tree with its uncommitted and untracked files when <see cref="HeadSha"/> is null).
/// </summary>
public sealed record ChangeSet(
    string RepositoryRoot,
    string BaseRef,
    string MergeBaseSha,
    string? HeadRef,
    string? HeadSha,
    IReadOnlyList<ChangedFile> Files)
{
    /// <summary>
    /// The folders (from the repository root, '/'-separated, no trailing '/') that hold a changed file and already
    /// existed at the merge base: a change cannot be blamed for their names.
    /// </summary>
    public IReadOnlySet<string> FoldersAtBase { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
