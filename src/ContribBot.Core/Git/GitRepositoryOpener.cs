using LibGit2Sharp;

namespace ContribBot.Core.Git;

/// <summary>Opens the taxonomy's repository, turning git's known refusals into usage errors that say what to do.</summary>
public static class GitRepositoryOpener
{
    /// <exception cref="GitInputException">Git refuses the repository (owned by another user, damaged).</exception>
    public static Repository Open(string root)
    {
        try
        {
            return new Repository(root);
        }
        catch (LibGit2SharpException exception) when (IsNotOwned(exception))
        {
            throw NotOwned(root, exception);
        }
        catch (LibGit2SharpException exception)
        {
            throw new GitInputException($"git cannot open the repository at {root}: {exception.Message.TrimEnd('.')}.", exception);
        }
    }

    /// <summary>Git's refusal of a repository another user owns (libgit2's owner check, as git's safe.directory).</summary>
    public static bool IsNotOwned(LibGit2SharpException exception) =>
        exception.Message.Contains("not owned by current user", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Container jobs and shared runners check out as one user and run as another; git refuses such a repository
    /// unless it is marked safe, and the message says how.
    /// </summary>
    public static GitInputException NotOwned(string root, Exception inner) =>
        new($"git refuses the repository at {root}: it is owned by another user. If you trust it, mark it safe with " +
            $"`git config --global --add safe.directory {root}` (in a container job, run that step first), or run as its owner.",
            inner);
}
