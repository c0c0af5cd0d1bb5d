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
    /// <summary>The share of row pairs at the threshold that become candidates with this band shape.</summary>
    [JsonIgnore]
    public double CandidateProbability => new Text.NearDuplicates.LshBands(Bands, RowsPerBand).CandidateProbability(Threshold);
}
