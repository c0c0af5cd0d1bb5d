namespace ContribBot.GitHub;

/// <summary>What to publish, and where the full report can be found when the comment has to be cut.</summary>
public sealed record PublishOptions
{
    public bool Comment { get; init; } = true;

    public bool CheckRun { get; init; } = true;

    /// <summary>
    /// The commit the report was made from (in a <c>workflow_run</c>, the triggering run's head SHA). When given, the pull
    /// request's head must be this commit; when not, the check run goes on the pull request's head.
    /// </summary>
    public string? HeadSha { get; init; }

    /// <summary>An https link to the full report (the workflow run's artifact), for a comment that had to be cut.</summary>
    public string? FullReportUrl { get; init; }
}

/// <summary>What was done: the check run (created or updated, annotations sent in how many requests) and the comment.</summary>
public sealed record PublishOutcome(string HeadSha)
{
    public long? CheckRunId { get; init; }

    public bool CheckRunCreated { get; init; }

    public int AnnotationsSent { get; init; }

    public int AnnotationRequests { get; init; }

    public int AnnotationsSkipped { get; init; }

    public long? CommentId { get; init; }

    public bool CommentCreated { get; init; }

    public string? CommentUrl { get; init; }

    public bool CommentTrimmed { get; init; }
}
