namespace ContribBot.Cli.Commands;

/// <summary>The options of <c>contribbot preview</c> as given (null: not given, so the environment or config decides).</summary>
public sealed record PreviewSettings(string Path, string OutDirectory)
{
    public string? Base { get; init; }

    public string? Head { get; init; }

    public const int DefaultMaxLeaves = 25;

    public int? Samples { get; init; }

    public int MaxLeaves { get; init; } = DefaultMaxLeaves;

    public bool DryRun { get; init; }

    public bool ShowPrompts { get; init; }

    public string? TeacherUrl { get; init; }

    public string? Model { get; init; }

    public string? CriticModel { get; init; }

    public int? Concurrency { get; init; }

    public int? TimeoutSeconds { get; init; }

    public int? MaxRetries { get; init; }

    public string? ConfigFile { get; init; }

    public bool AllowLocalRepos { get; init; }

    public bool Offline { get; init; }

    public bool Strict { get; init; }
}
