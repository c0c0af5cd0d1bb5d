using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Runs.Settings;

namespace ContribBot.Core.Runs.Build;

/// <summary>
/// A dataset build as asked for: the taxonomy, where the shard (or the dataset) goes, the cache, the shard to build,
/// and the generation options as given (null: the environment or the config file decides).
/// </summary>
public sealed record BuildSettings(string Path, string OutDirectory) : IGenerationOptions
{
    public const string DefaultOutDirectory = "contribbot-dataset";

    /// <summary>Build only this shard and write it as a shard folder for <c>merge</c>; null: the whole dataset.</summary>
    public Shard? Shard { get; init; }

    /// <summary>The cache folder (default: beside the document cache, CONTRIBBOT_CACHE_DIR/build).</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Stop before a leaf would take the estimated spend past this many dollars.</summary>
    public decimal? MaxCost { get; init; }

    /// <summary>The system message of every training row.</summary>
    public string? SystemPrompt { get; init; }

    public bool DryRun { get; init; }

    public string? ConfigFile { get; init; }

    public string? TeacherUrl { get; init; }

    public string? Model { get; init; }

    public string? CriticModel { get; init; }

    public int? Concurrency { get; init; }

    public int? TimeoutSeconds { get; init; }

    public int? MaxRetries { get; init; }

    public int? Samples => null;

    public bool AllowLocalRepos { get; init; }

    public bool Offline { get; init; }
}
