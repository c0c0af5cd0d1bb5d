namespace ContribBot.GitHub;

/// <summary>
/// A publishing step failed; the message says which step and why. The subclasses tell a caller what to do next: wait
/// and try again (<see cref="GitHubRateLimitedException"/>), fix the setup (<see cref="GitHubRefusedException"/>), or
/// check the network (<see cref="GitHubUnreachableException"/>).
/// </summary>
public class GitHubPublishException : Exception
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

/// <summary>GitHub rate-limited a step for longer than the caller waits: try again at <see cref="RetryAt"/> (a service re-queues the job).</summary>
public sealed class GitHubRateLimitedException : GitHubPublishException
{
    public GitHubRateLimitedException()
    {
    }

    public GitHubRateLimitedException(string message)
        : base(message)
    {
    }

    public GitHubRateLimitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GitHubRateLimitedException(string message, DateTimeOffset retryAt, Exception innerException)
        : base(message, innerException) => RetryAt = retryAt;

    /// <summary>When GitHub will take the call again.</summary>
    public DateTimeOffset RetryAt { get; }
}

/// <summary>GitHub answered no (bad credentials, missing permissions, a pull request that is not there): trying again will not help.</summary>
public sealed class GitHubRefusedException : GitHubPublishException
{
    public GitHubRefusedException()
    {
    }

    public GitHubRefusedException(string message)
        : base(message)
    {
    }

    public GitHubRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GitHubRefusedException(string message, System.Net.HttpStatusCode? status, Exception? innerException)
        : base(message, innerException!) => Status = status;

    /// <summary>GitHub's answer, when it gave one (null when the refusal is ours, e.g. a report for another commit).</summary>
    public System.Net.HttpStatusCode? Status { get; }
}

/// <summary>No answer from GitHub within the retries (connections dropped, timeouts, 5xx): check the network or GitHub's status.</summary>
public sealed class GitHubUnreachableException : GitHubPublishException
{
    public GitHubUnreachableException()
    {
    }

    public GitHubUnreachableException(string message)
        : base(message)
    {
    }

    public GitHubUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
