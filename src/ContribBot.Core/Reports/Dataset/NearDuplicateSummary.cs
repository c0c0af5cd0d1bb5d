using System.Text.Json.Serialization;

namespace ContribBot.Core.Reports.Dataset;

/// <summary>
/// How the build dropped near-duplicate rows across the dataset (<c>build.near_duplicates</c>), for the manifests and
/// the card: the Jaccard threshold on word shingles, the MinHash length and band shape, and the rows dropped.
/// </summary>
public sealed record NearDuplicateSummary(
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("shingleWords")] int ShingleWords,
    [property: JsonPropertyName("hashes")] int Hashes,
    [property: JsonPropertyName("bands")] int Bands,
    [property: JsonPropertyName("rowsPerBand")] int RowsPerBand,
    [property: JsonPropertyName("dropped")] int Dropped)
{
    /// <summary>Rows in the previous version's index (<c>--near-duplicate-index</c>); null: there was none.</summary>
    [JsonPropertyName("previousRows")]
    public int? PreviousRows { get; init; }

    /// <summary>Of those, the rows this version still has, which were kept first.</summary>
    [JsonPropertyName("previousRowsStillIn")]
    public int? PreviousRowsStillIn { get; init; }

    /// <summary>New rows dropped for nearly repeating a row of the previous version (counted in <see cref="Dropped"/> too).</summary>
    [JsonPropertyName("droppedAgainstPrevious")]
    public int DroppedAgainstPrevious { get; init; }

    /// <summary>Why an index that was there could not be used (damaged, another format); null: none, or it was used.</summary>
    [JsonPropertyName("previousIgnored")]
    public string? PreviousIgnored { get; init; }

    /// <summary>The share of row pairs at the threshold that become candidates with this band shape.</summary>
    [JsonIgnore]
    public double CandidateProbability => new Text.NearDuplicates.LshBands(Bands, RowsPerBand).CandidateProbability(Threshold);
}
