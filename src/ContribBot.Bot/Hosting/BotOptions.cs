namespace ContribBot.Bot.Hosting;

/// <summary>How the service runs; <c>contribbot serve</c> fills it from its options and environment.</summary>
public sealed record BotOptions
{
    /// <summary>The database of the queue and records (CONTRIBBOT_DATABASE): a SQLite file, or PostgreSQL for several replicas.</summary>
    public required Storage.DatabaseLocation Database { get; init; }

    /// <summary>Where the repository mirrors and per-job report folders are kept (default: beside the database).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The REST API (GITHUB_API_URL).</summary>
    public Uri ApiUrl { get; init; } = ContribBot.GitHub.GitHubClientFactory.PublicApi;

    /// <summary>A payload's clone URL may be a local path (for tests); otherwise only https URLs on the GitHub host are fetched.</summary>
    public bool AllowLocalRepos { get; init; }

    public int Workers { get; init; } = 2;

    /// <summary>How long a job is a worker's before another may take it (renewed every third of it while the job runs).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often an idle worker looks for work.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Whose comment commands and reviews are honoured, by GitHub's author association.</summary>
    public IReadOnlySet<string> TrustedAssociations { get; init; } = new HashSet<string>(["OWNER", "MEMBER", "COLLABORATOR"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Commands taken per pull request per hour; more get one reply saying when to try again.</summary>
    public int CommandsPerHour { get; init; } = 10;

    /// <summary>A check run open longer than this (and no job working on it) is completed by the sweeper.</summary>
    public TimeSpan StaleCheckRunAfter { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the App's recent deliveries are compared with what was stored (and on start).</summary>
    public TimeSpan RecoveryInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long shutdown waits for running jobs before giving them back to the queue.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The workflow file dispatched on a push to the default branch (the build); null: pushes only log.</summary>
    public string? BuildWorkflow { get; init; }

    /// <summary>Leaves previewed per pull request (as the CLI's --max-leaves).</summary>
    public int PreviewMaxLeaves { get; init; } = 25;

    /// <summary>The environment the preview reads its teacher settings from (CONTRIBBOT_TEACHER_URL and the rest).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}
