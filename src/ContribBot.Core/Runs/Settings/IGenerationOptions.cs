namespace ContribBot.Core.Runs.Settings;

/// <summary>
/// The options every generating run takes (preview, build), as given: null means not given, so the environment or the
/// config file decides (<see cref="RunSettingsResolver"/>).
/// </summary>
public interface IGenerationOptions
{
    /// <summary>The taxonomy root; its <c>.github/contribbot.yml</c> is the default config file.</summary>
    string Path { get; }

    string? ConfigFile { get; }

    /// <summary>Call no model, whatever is configured.</summary>
    bool DryRun { get; }

    string? TeacherUrl { get; }

    string? Model { get; }

    string? CriticModel { get; }

    int? Concurrency { get; }

    int? TimeoutSeconds { get; }

    int? MaxRetries { get; }

    /// <summary>Longest the run may spend calling the teacher, in minutes, retries and waits included.</summary>
    int? TimeLimitMinutes { get; }

    /// <summary>The time limit when neither an option nor the config sets one: null is none.</summary>
    int? DefaultTimeLimitMinutes { get; }

    /// <summary>Kept samples per leaf (previews only).</summary>
    int? Samples { get; }

    /// <summary>
    /// The calls are answered elsewhere (batch request files run on another engine): a model is needed, for the
    /// requests and their keys, but no teacher URL.
    /// </summary>
    bool AnsweredElsewhere { get; }
}
