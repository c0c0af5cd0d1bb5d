namespace ContribBot.GitHub;

/// <summary>The commits a pull request compares, as GitHub reports them: its head, and the tip of its base branch.</summary>
public sealed record PullRequestCommits(string HeadSha, string BaseSha);
