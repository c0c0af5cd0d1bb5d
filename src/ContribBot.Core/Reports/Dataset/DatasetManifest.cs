using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContribBot.Core.Reports.Dataset;

/// <summary>
/// <c>manifest.json</c> of a dataset: where it came from (taxonomy commit, recipe, models), every leaf with its counts
/// and cache key, every file with its size and SHA-256, what the build cost, and the leaves that failed (a partial
/// dataset says so).
/// </summary>
public sealed partial record DatasetManifest(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("taxonomyCommit")] string? TaxonomyCommit,
    [property: JsonPropertyName("recipe")] string RecipeHash,
    [property: JsonPropertyName("teacherModel")] string TeacherModel,
    [property: JsonPropertyName("criticModel")] string CriticModel,
    [property: JsonPropertyName("shards")] int Shards,
    [property: JsonPropertyName("partial")] bool Partial,
    [property: JsonPropertyName("leaves")] IReadOnlyList<ShardLeaf> Leaves,
    [property: JsonPropertyName("files")] IReadOnlyList<ShardFile> Files)
{
    public const string FileName = "manifest.json";
    public const string CurrentFormat = "contribbot-dataset-v1";

    /// <summary>How near-duplicate rows were dropped across the dataset (<c>build.near_duplicates</c>), or null when they were not.</summary>
    [JsonPropertyName("nearDuplicates")]
    public NearDuplicateSummary? NearDuplicates { get; init; }

    /// <summary>The evaluation sets kept out of training rows (<c>build.decontaminate</c>), or null when none were.</summary>
    [JsonPropertyName("decontamination")]
    public DecontaminationSummary? Decontamination { get; init; }

    /// <summary>What was done with rows holding personal data (<c>build.personal_data</c>), or null when nothing was asked.</summary>
    [JsonPropertyName("personalData")]
    public PersonalDataSummary? PersonalData { get; init; }

    /// <summary>The human review the build applied (<c>--reviews</c>), or null when it had none.</summary>
    [JsonPropertyName("reviews")]
    public Quality.Review.ReviewSummary? Reviews { get; init; }

    /// <summary>The datasets replayed beside the synthetic rows (<c>mix:</c>) and what each put in; null: none.</summary>
    [JsonPropertyName("mix")]
    public IReadOnlyList<Runs.Build.MixedIn>? Mix { get; init; }

    /// <summary>Machine-written rows over all rows of the training files (replayed rows counted as their source says).</summary>
    [JsonPropertyName("syntheticShare")]
    public double SyntheticShare { get; init; }

    /// <summary>The gates the whole dataset passed; null: none was set.</summary>
    [JsonPropertyName("gates")]
    public DatasetGates? Gates { get; init; }

    /// <summary>What evolution, revision and re-representation did across the leaves; null when none was used.</summary>
    [JsonPropertyName("methods")]
    public Quality.MethodStats? Methods => Leaves.Select(leaf => leaf.Methods).OfType<Quality.MethodStats>().Aggregate((Quality.MethodStats?)null, (sum, next) => sum is null ? next : sum.Plus(next));

    [JsonPropertyName("calls")]
    public long Calls => Leaves.Sum(leaf => (long)leaf.Calls);

    [JsonPropertyName("promptTokens")]
    public long PromptTokens => Leaves.Sum(leaf => leaf.PromptTokens);

    [JsonPropertyName("completionTokens")]
    public long CompletionTokens => Leaves.Sum(leaf => leaf.CompletionTokens);

    [JsonIgnore]
    public IEnumerable<ShardLeaf> Failed => Leaves.Where(leaf => leaf.Failure is not null);

    /// <summary>Generated serialization: the shipped command is compiled ahead of time, without reflection-based JSON.</summary>
    [JsonSourceGenerationOptions(WriteIndented = true)]
    [JsonSerializable(typeof(DatasetManifest))]
    private sealed partial class DatasetManifestJson : JsonSerializerContext;

    public string ToJson() => JsonSerializer.Serialize(this, DatasetManifestJson.Default.DatasetManifest) + "\n";
}
