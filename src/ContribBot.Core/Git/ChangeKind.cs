namespace ContribBot.Core.Git;

/// <summary>How a file differs between the merge base and the head of a pull request.</summary>
public enum ChangeKind
{
    Added,
    Modified,
    Renamed,
    Copied,
    Deleted,
}
