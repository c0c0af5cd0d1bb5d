using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContribBot.Core.Reports.Dataset;

/// <summary>
/// <c>shard.json</c>: what one shard of a build holds and what it was made from. <c>merge</c> reads only this and the
/// files it names: the taxonomy commit and recipe hash must agree across shards, the partition names every leaf's
/// shard, and each leaf's rows are a byte range of the shard's files, whose SHA-256 is checked before use.
/// </summary>
public sealed partial record ShardManifest(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("taxonomyCommit")] string? TaxonomyCommit,
    [property: JsonPropertyName("recipe")] string RecipeHash,
    [property: JsonPropertyName("teacherModel")] string TeacherModel,
    [property: JsonPropertyName("criticModel")] string CriticModel,
    [property: JsonPropertyName("shard")] int Shard,
    [property: JsonPropertyName("shards")] int Shards,
    [property: JsonPropertyName("partition")] IReadOnlyList<PartitionEntry> Partition,
    [property: JsonPropertyName("leaves")] IReadOnlyList<ShardLeaf> Leaves,
    [property: JsonPropertyName("files")] IReadOnlyList<ShardFile> Files)
{
    public const string FileName = "shard.json";
    public const string CurrentFormat = "contribbot-shard-v1";

    /// <summary>
    /// The Jaccard similarity at which <c>merge</c> drops a row that nearly repeats one kept before it anywhere in the
    /// dataset (<c>build.near_duplicates</c>); null: off. Every shard must say the same.
    /// </summary>
    [JsonPropertyName("nearDuplicateThreshold")]
    public double? NearDuplicateThreshold { get; init; }

    /// <summary>The evaluation sets kept out of training rows (<c>build.decontaminate</c>), or null when none were.</summary>
    [JsonPropertyName("decontamination")]
    public DecontaminationSummary? Decontamination { get; init; }

    /// <summary>What was done with rows holding personal data (<c>build.personal_data</c>), or null when nothing was asked.</summary>
    [JsonPropertyName("personalData")]
    public PersonalDataSummary? PersonalData { get; init; }

    /// <summary>The human review the build applied (<c>--reviews</c>), or null when it had none.</summary>
    [JsonPropertyName("reviews")]
    public Quality.Review.ReviewSummary? Reviews { get; init; }

    /// <summary>The datasets <c>merge</c> replays beside the synthetic rows (<c>mix:</c>), with their files' SHA-256; null: none.</summary>
    [JsonPropertyName("mix")]
    public IReadOnlyList<Runs.Build.MixEntry>? Mix { get; init; }

    /// <summary>The gates <c>merge</c> checks on the whole dataset, once the mix is in; null: none.</summary>
    [JsonPropertyName("gates")]
    public DatasetGates? Gates { get; init; }

    /// <summary>Generated serialization: the shipped command is compiled ahead of time, without reflection-based JSON; a manifest is flat, so deeper nesting is refused.</summary>
    [JsonSourceGenerationOptions(WriteIndented = true, MaxDepth = 16)]
    [JsonSerializable(typeof(ShardManifest))]
    private sealed partial class ShardManifestJson : JsonSerializerContext;

    public string ToJson() => JsonSerializer.Serialize(this, ShardManifestJson.Default.ShardManifest) + "\n";

    /// <exception cref="InvalidDataException">Not a shard manifest this version reads.</exception>
    public static ShardManifest Parse(string json)
    {
        ShardManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(json, ShardManifestJson.Default.ShardManifest);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"not a shard manifest ({exception.Message})", exception);
        }

        if (manifest is null || manifest.Format != CurrentFormat) throw new InvalidDataException($"not a {CurrentFormat} manifest");
        if (manifest.Partition is null || manifest.Leaves is null || manifest.Files is null) throw new InvalidDataException("the manifest lacks its partition, leaves or files");
        return manifest;
    }
}

/// <summary>Which shard builds a leaf; every shard lists the whole partition, so a missing shard is noticed.</summary>
public sealed record PartitionEntry([property: JsonPropertyName("leaf")] string Leaf, [property: JsonPropertyName("shard")] int Shard);

/// <summary>One leaf of a shard: its key and counts, where its rows are, or why it was not built.</summary>
public sealed record ShardLeaf(
    [property: JsonPropertyName("leaf")] string Leaf,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("cached")] bool Cached,
    [property: JsonPropertyName("generated")] int Generated,
    [property: JsonPropertyName("kept")] int Kept,
    [property: JsonPropertyName("dropped")] IReadOnlyDictionary<string, int> Dropped,
    [property: JsonPropertyName("calls")] int Calls,
    [property: JsonPropertyName("promptTokens")] long PromptTokens,
    [property: JsonPropertyName("completionTokens")] long CompletionTokens,
    [property: JsonPropertyName("failure")] string? Failure,
    [property: JsonPropertyName("ranges")] IReadOnlyList<RowRange> Ranges)
{
    /// <summary>What evolution, revision and re-representation did in this leaf; null when none was used.</summary>
    [JsonPropertyName("methods")]
    public Quality.MethodStats? Methods { get; init; }
}

/// <summary>A leaf's rows in one of the shard's files: <see cref="Length"/> bytes from <see cref="Offset"/>, <see cref="Rows"/> lines.</summary>
public sealed record RowRange(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("offset")] long Offset,
    [property: JsonPropertyName("length")] long Length,
    [property: JsonPropertyName("rows")] int Rows);

/// <summary>A file of the shard with its size and SHA-256.</summary>
public sealed record ShardFile(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("rows")] long Rows);
