using System.Text.Json.Serialization;

namespace ContribBot.Core.Quality.Review;

/// <summary>
/// What the human review behind a build amounts to, for its manifest and card: verdicts good and bad, by how many
/// reviewers on how many pull requests, how often the critic agreed (Cohen's kappa), and the likeness threshold used.
/// </summary>
public sealed record ReviewSummary(
    [property: JsonPropertyName("reviewed")] int Reviewed,
    [property: JsonPropertyName("good")] int Good,
    [property: JsonPropertyName("bad")] int Bad,
    [property: JsonPropertyName("reviewers")] int Reviewers,
    [property: JsonPropertyName("pullRequests")] int PullRequests,
    [property: JsonPropertyName("criticAgreement")] double? CriticAgreement,
    [property: JsonPropertyName("kappa")] double? Kappa,
    [property: JsonPropertyName("threshold")] double Threshold)
{
    public static ReviewSummary Of(IEnumerable<ReviewedSample> reviews, double threshold)
    {
        var latest = ReviewsFile.Latest(reviews);
        var decisions = latest.Select(review => (review.CriticKept, review.Good)).ToList();
        return new ReviewSummary(latest.Count, latest.Count(review => review.Good), latest.Count(review => !review.Good),
            latest.Select(review => review.Reviewer).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
            latest.Select(review => review.PullRequest).OfType<string>().Distinct(StringComparer.Ordinal).Count(),
            CohenKappa.Observed(decisions) is { } agreement ? Math.Round(agreement, 4) : null,
            CohenKappa.Of(decisions) is { } kappa ? Math.Round(kappa, 4) : null, threshold);
    }
}
