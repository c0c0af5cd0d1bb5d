using System.Text.Json.Serialization;

namespace ContribBot.Core.Quality.Review;

/// <summary>
/// A maintainer's verdict on one previewed sample, with the sample itself: the leaf and seed it came from, its question
/// and answer (cut to <see cref="MaxTextLength"/>), and whether the critic had kept it. One line of a reviews file
/// (<see cref="ReviewsFile"/>), which carries verdicts from pull requests to the dataset build.
/// </summary>
public sealed record ReviewedSample(
    [property: JsonPropertyName("leaf")] string Leaf,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("criticKept")] bool CriticKept,
    [property: JsonPropertyName("good")] bool Good,
    [property: JsonPropertyName("reviewer")] string Reviewer,
    [property: JsonPropertyName("at")] DateTimeOffset At)
{
    /// <summary>Longest question or answer kept with a verdict: enough to recognise the sample's like again.</summary>
    public const int MaxTextLength = 600;

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>The pull request whose preview held the sample (<c>owner/name#12</c>).</summary>
    [JsonPropertyName("pullRequest")]
    public string? PullRequest { get; init; }

    /// <summary>The sample's id in that preview (<c>s3</c>).</summary>
    [JsonPropertyName("sample")]
    public string? SampleId { get; init; }

    /// <summary>The preview the verdict was given on (a fingerprint of its samples): ids are only unique within one preview.</summary>
    [JsonPropertyName("preview")]
    public string? Preview { get; init; }

    /// <summary>The question and answer as one text, for likeness.</summary>
    [JsonIgnore]
    public string Text => Question + "\n" + Answer;

    public static string Cut(string text) => text.Length <= MaxTextLength ? text : text[..MaxTextLength];
}
