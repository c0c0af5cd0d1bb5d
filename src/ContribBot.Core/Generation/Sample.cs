namespace ContribBot.Core.Generation;

/// <summary>
/// One generated question-and-answer pair and what became of it: kept, or dropped with the reason (see
/// <see cref="DropReasons"/>) and whatever scores it had earned by then. Grounded skills and knowledge carry the
/// passage the pair is about in <see cref="Context"/> (knowledge: the document chunk, by index).
/// </summary>
public sealed record Sample(string Question, string Answer, bool Kept, string? DropReason)
{
    public string? Context { get; init; }

    /// <summary>Critic scores by name (e.g. <c>relevancy</c>), plus measured ones such as <c>grounding</c>.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The start of what the model sent when it could not be read, so a reviewer can see why.</summary>
    public string? Raw { get; init; }

    public required SampleProvenance Provenance { get; init; }

    /// <summary>Evolution, revision and voice, when a method beyond plain generation made the sample; null: direct.</summary>
    public Methods.SampleLineage? Lineage { get; init; }

    /// <summary>Matches of personal data masked in this sample by the build (never cached: the setting may change).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int PersonalDataMasked { get; init; }
}

/// <summary>Where a sample came from: leaf, the commit and blob of its content, seed, chunk, models and prompt ids.</summary>
public sealed record SampleProvenance(
    string Leaf,
    string BlobId,
    string? Commit,
    int Seed,
    int? Chunk,
    string TeacherModel,
    string CriticModel,
    IReadOnlyList<string> Prompts);

/// <summary>The reasons a sample is dropped; stable strings, since reports and dashboards group by them.</summary>
public static class DropReasons
{
    public const string Unparseable = "unparseable";
    public const string Empty = "empty";
    public const string TooShort = "too-short";
    public const string TooLong = "too-long";
    public const string Refusal = "refusal";
    public const string Duplicate = "duplicate";
    public const string NearDuplicate = "near-duplicate";
    public const string CopiedSeed = "copied-seed";
    public const string NearSeed = "near-seed";

    /// <summary>A call the sample needed (its answer or judgement) failed even after retries.</summary>
    public const string CallFailed = "call-failed";

    /// <summary>The sample holds a test item (a seed, or an item of an evaluation set the maintainer named).</summary>
    public const string Contaminated = "contaminated";

    /// <summary>The sample holds what looks like personal data (an e-mail address, a phone or card number).</summary>
    public const string PersonalData = "pii";

    /// <summary>Nearly the same row (question and answer) as one kept before it elsewhere in the dataset.</summary>
    public const string DatasetNearDuplicate = "dataset-near-duplicate";

    /// <summary>Like a sample a maintainer marked bad in a pull request's preview (same leaf and seed, near in wording).</summary>
    public const string HumanRejected = "human-rejected";

    /// <summary>Generated from generated text more times than <see cref="GenerationSettings.MaxDepth"/> allows.</summary>
    public const string Lineage = "lineage";

    private const string LowScorePrefix = "low-score:";

    public static string LowScore(string score) => LowScorePrefix + score;

    /// <summary>A drop by the critic (<see cref="LowScore"/>).</summary>
    public static bool IsLowScore(string? reason) => reason?.StartsWith(LowScorePrefix, StringComparison.Ordinal) == true;

    /// <summary>The reasons that mean a generated sample copied or nearly copied a seed (what the seed-copy gate counts).</summary>
    public static IReadOnlyList<string> SeedCopies { get; } = [CopiedSeed, NearSeed];

    /// <summary>An evolution Evol-Instruct counts as failed (see <see cref="Methods.EvolutionChecks"/>).</summary>
    public static string FailedEvolution(string why) => $"evolution-failed:{why}";
}
