using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContribBot.Core.Runs.Build;

/// <summary>
/// What a batch build remembers between runs, beside its cache: the batches it submitted and has not read back yet
/// (a killed build polls them again instead of paying twice), and how often each call's batch result failed.
/// </summary>
public sealed partial class BatchState
{
    /// <summary>A call whose batch result failed this often is given up (the leaf fails, as a live call would).</summary>
    public const int MaxAttempts = 3;

    public const string FileName = "batches.json";

    /// <summary>Generated serialization: the shipped command is compiled ahead of time, without reflection-based JSON.</summary>
    [JsonSourceGenerationOptions(WriteIndented = true)]
    [JsonSerializable(typeof(BatchState))]
    private sealed partial class BatchStateJson : JsonSerializerContext;

    [JsonPropertyName("submitted")]
    public List<SubmittedBatch> Submitted { get; init; } = [];

    [JsonPropertyName("failures")]
    public Dictionary<string, int> Failures { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Result files already read (path, size, time): read again, their failures would be counted twice.</summary>
    [JsonPropertyName("ingested")]
    public HashSet<string> Ingested { get; init; } = new(StringComparer.Ordinal);

    /// <summary>How a result file is recognised when it is met again.</summary>
    public static string IdentityOf(string file)
    {
        var info = new FileInfo(file);
        return $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}";
    }

    [JsonIgnore]
    public IReadOnlySet<string> GivenUp => Failures.Where(pair => pair.Value >= MaxAttempts).Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>The state in <paramref name="directory"/>; a missing or unreadable file is a fresh state.</summary>
    public static BatchState Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return new BatchState();
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), BatchStateJson.Default.BatchState) ?? new BatchState();
        }
        catch (JsonException)
        {
            return new BatchState();
        }
    }

    public Task SaveAsync(string directory) =>
        Files.AtomicFile.WriteAsync(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, BatchStateJson.Default.BatchState));
}

/// <param name="Id">The batch id the API gave.</param>
/// <param name="Requests">How many calls it holds.</param>
public sealed record SubmittedBatch(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("requests")] int Requests,
    [property: JsonPropertyName("submittedAt")] DateTimeOffset SubmittedAt);
