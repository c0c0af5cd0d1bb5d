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

    /// <summary>
    /// A reviews file (<c>--reviews</c>): maintainers' verdicts on previewed samples. Rows like a rejected sample (same
    /// leaf and seed, ROUGE-L at or above <see cref="RejectLikeness"/>) are dropped; the card states the review.
    /// </summary>
    public string? ReviewsFile { get; init; }

    /// <summary>How near in wording a row must be to a rejected sample to be dropped with it.</summary>
    public double RejectLikeness { get; init; } = Quality.Review.HumanRejections.DefaultThreshold;

    /// <summary>How the calls are made: live (the default), through the OpenAI Batch API, or as request files.</summary>
    public BatchMode Batch { get; init; }

    /// <summary>With <see cref="BatchMode.Files"/>: where the request files of each round are written.</summary>
    public string? BatchDirectory { get; init; }

    /// <summary>Batch output files (OpenAI's format, as vLLM's run-batch writes) to read before building.</summary>
    public string? BatchResultsDirectory { get; init; }

    /// <summary>With <see cref="BatchMode.OpenAi"/>: how often a submitted batch is asked how it is doing.</summary>
    public TimeSpan BatchPollInterval { get; init; } = TimeSpan.FromSeconds(30);

    public string? ConfigFile { get; init; }

    public string? TeacherUrl { get; init; }

    public string? Model { get; init; }

    public string? CriticModel { get; init; }

    public int? Concurrency { get; init; }

    public int? TimeoutSeconds { get; init; }

    public int? MaxRetries { get; init; }

    public int? TimeLimitMinutes { get; init; }

    /// <summary>None: a build is resumable, and its job's timeout is the maintainer's to set.</summary>
    public int? DefaultTimeLimitMinutes => null;

    public int? Samples => null;

    public bool AnsweredElsewhere => Batch == BatchMode.Files || (Batch == BatchMode.Live && BatchResultsDirectory is not null);

    public bool AllowLocalRepos { get; init; }

    public bool Offline { get; init; }

    /// <summary>An unreachable document host fails the run (exit 2) instead of being a warning.</summary>
    public bool RequireDocuments { get; init; }

    /// <summary>The maintainer's document mirrors, by normalized URL (<c>--document-mirror URL=PATH</c>).</summary>
    public IReadOnlyDictionary<string, string> DocumentMirrors { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>How a build's teacher and critic calls are made.</summary>
public enum BatchMode
{
    /// <summary>Each call as it comes, at full price.</summary>
    Live,

    /// <summary>Round by round through the OpenAI Batch API (half price, results within 24 hours).</summary>
    OpenAi,

    /// <summary>Round by round as request files for any engine that reads the batch format; the build stops after writing them.</summary>
    Files,
}
