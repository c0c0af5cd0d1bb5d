using ContribBot.Core.Taxonomy.Sources;
using LibGit2Sharp;

namespace ContribBot.Core.Git;

/// <summary>
/// Finds the commit that last changed a path, the way <c>git log -1 -- PATH</c> does with its default history
/// simplification: from the head, follow a parent whose tree holds the same blob at the path (for a merge, the first
/// such parent) until a commit differs from every parent. The walk never depends on commit dates, so clock skew,
/// rebases and merges dated before their parents cannot break it (LibGit2Sharp's own file history throws
/// KeyNotFoundException on those: libgit2sharp#1410); it is bounded, and anything it cannot tell falls back to the head.
/// </summary>
public static class LastChangeFinder
{
    /// <summary>Commits walked at most; a file unchanged for longer than this is attributed to the head.</summary>
    public const int MaxCommits = 100_000;

    public static LastChange Find(Repository repository, Commit head, string path)
    {
        try
        {
            var id = head[path]?.Target.Id;
            if (id is null) return new LastChange(head.Sha, $"the head commit has no file {path}");
            var commit = head;
            for (var walked = 0; walked < MaxCommits; walked++)
            {
                var unchangedIn = commit.Parents.FirstOrDefault(parent => parent[path]?.Target.Id == id);
                if (unchangedIn is null)
                {
                    return commit.Parents.Any() || !IsShallowBoundary(repository, commit)
                        ? new LastChange(commit.Sha)
                        : new LastChange(head.Sha, $"the clone is shallow and its history stops at {commit.Sha[..12]} (git fetch --unshallow gives the whole history)");
                }

                commit = unchangedIn;
            }

            return new LastChange(head.Sha, $"the file has not changed in the last {MaxCommits:N0} commits");
        }
        catch (LibGit2SharpException exception)
        {
            return new LastChange(head.Sha, $"the history could not be read: {exception.Message}");
        }
    }

    /// <summary>A commit whose parents a shallow clone does not have (listed in <c>.git/shallow</c>).</summary>
    private static bool IsShallowBoundary(Repository repository, Commit commit)
    {
        if (!repository.Info.IsShallow) return false;
        var shallow = Path.Combine(repository.Info.Path, "shallow");
        return File.Exists(shallow) && File.ReadLines(shallow).Any(line => line.Trim() == commit.Sha);
    }
}
