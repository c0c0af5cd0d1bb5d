using ContribBot.Core.Runs.Settings;

namespace ContribBot.Core.Runs.Preview;

/// <summary>
/// A preview as asked for: the taxonomy, where the report goes, and the options given (null: not given, so the
/// environment or the config file decides; see <see cref="RunSettingsResolver"/>).
/// </summary>
public sealed record PreviewSettings(string Path, string OutDirectory) : IGenerationOptions
{
    public const string DefaultOutDirectory = "contribbot-preview";

    public const int DefaultMaxLeaves = 25;

    public string? Base { get; init; }

    public string? Head { get; init; }

    public int? Samples { get; init; }

    public int MaxLeaves { get; init; } = DefaultMaxLeaves;

    public bool DryRun { get; init; }

    public string? TeacherUrl { get; init; }

    public string? Model { get; init; }

    public string? CriticModel { get; init; }

    public int? Concurrency { get; init; }

    public int? TimeoutSeconds { get; init; }

    public int? MaxRetries { get; init; }

    public int? TimeLimitMinutes { get; init; }

    /// <summary>Inside the preview workflow's 20-minute job timeout, with room to write and upload the report.</summary>
    public int? DefaultTimeLimitMinutes => 15;

    public string? ConfigFile { get; init; }

    public bool AllowLocalRepos { get; init; }

    public bool Offline { get; init; }

    /// <summary>An unreachable document host fails the run (exit 2) instead of being a warning.</summary>
    public bool RequireDocuments { get; init; }

    /// <summary>The maintainer's document mirrors, by normalized URL (<c>--document-mirror URL=PATH</c>).</summary>
    public IReadOnlyDictionary<string, string> DocumentMirrors { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public bool Strict { get; init; }

    /// <summary>
    /// A teacher that becomes unusable (refuses with 401/403, is out of quota, keeps failing) fails the preview (exit 2)
    /// instead of the preview falling back to the dry-run plan with a notice.
    /// </summary>
    public bool RequireTeacher { get; init; }

    public bool AnsweredElsewhere => false;
}
