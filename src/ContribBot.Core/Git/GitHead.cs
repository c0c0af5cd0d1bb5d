using LibGit2Sharp;

namespace ContribBot.Core.Git;

/// <summary>The commit a folder's repository has checked out, for a build's provenance.</summary>
public static class GitHead
{
    /// <summary>The id of HEAD's commit, or null outside a repository, on an unborn branch, or when git cannot tell.</summary>
    public static string? CommitOf(string folder)
    {
        try
        {
            if (GitRepositoryRoot.Find(folder) is not { } path) return null;
            using var repository = new Repository(path);
            return repository.Head?.Tip?.Sha;
        }
        catch (Exception exception) when (exception is LibGit2SharpException or GitInputException)
        {
            return null;
        }
    }
}
