namespace ContribBot.GitHub;

/// <summary>GitHub refused a publishing step for a reason retrying will not fix; the message says which step and why.</summary>
public sealed class GitHubPublishException : Exception
{
    public GitHubPublishException()
    {
    }

    public GitHubPublishException(string message)
        : base(message)
    {
    }

    public GitHubPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
