using LibGit2Sharp;

namespace ContribBot.Core.Git;

/// <summary>Finds the commit a name stands for, trying the spellings a caller lists (branch, remote branch, tag, id).</summary>
internal static class GitRefs
{
    /// <summary>The first of <paramref name="specs"/> that names an object, peeled to its commit; null when none does.</summary>
    public static Commit? FindCommit(Repository repository, IEnumerable<string> specs)
    {
        foreach (var spec in specs)
        {
            try
            {
                if (repository.Lookup(spec)?.Peel<Commit>() is { } commit) return commit;
            }
            catch (Exception exception) when (exception is LibGit2SharpException or ArgumentException)
            {
                // Not a valid (or an ambiguous) object name in this spelling; try the next.
            }
        }

        return null;
    }
}
