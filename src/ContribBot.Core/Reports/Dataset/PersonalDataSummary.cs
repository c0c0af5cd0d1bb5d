using System.Text.Json.Serialization;

namespace ContribBot.Core.Reports.Dataset;

/// <summary>What the build did with generated rows holding what looks like personal data (<c>build.personal_data</c>).</summary>
public sealed record PersonalDataSummary(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("dropped")] int Dropped,
    [property: JsonPropertyName("masked")] int Masked)
{
    /// <summary>Two shards' counts together (merge); the action must be the same.</summary>
    public PersonalDataSummary Plus(PersonalDataSummary other) => this with { Dropped = Dropped + other.Dropped, Masked = Masked + other.Masked };
}
