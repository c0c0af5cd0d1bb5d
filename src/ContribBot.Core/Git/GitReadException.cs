namespace ContribBot.Core.Git;

/// <summary>
/// A git object or repository could not be read (a damaged object database, a file the system refuses): libgit2's
/// failure in the project's own terms, an I/O error, so stages after Git never see LibGit2Sharp's types.
/// </summary>
public sealed class GitReadException : IOException
{
    public GitReadException()
    {
    }

    public GitReadException(string message) : base(message)
    {
    }

    public GitReadException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
