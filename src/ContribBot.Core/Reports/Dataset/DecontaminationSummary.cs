using System.Text.Json.Serialization;

namespace ContribBot.Core.Reports.Dataset;

/// <summary>What the build kept out of training rows (<c>build.decontaminate</c>): the sets named, their items and the seeds, and the rows dropped.</summary>
public sealed record DecontaminationSummary(
    [property: JsonPropertyName("sets")] IReadOnlyList<string> Sets,
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("dropped")] int Dropped)
{
    public DecontaminationSummary Plus(DecontaminationSummary other) => this with { Dropped = Dropped + other.Dropped };
}
