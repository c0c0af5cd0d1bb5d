using System.Globalization;
using System.Text;
using ContribBot.Core.Quality;
using ContribBot.Core.Quality.Review;

namespace ContribBot.Core.Reports.Preview;

/// <summary>
/// The human review of a pull request: every verdict given on it, each with its sample (leaf, seed, question and
/// answer, the critic's decision), so that it can be carried to the dataset build whatever happens to the preview
/// later. The comment lists the verdicts on the preview it shows, with how far the critic (which kept or dropped each
/// sample) agrees with the maintainers (Cohen's kappa); verdicts on earlier previews of the pull request are counted
/// and carried, not listed (their ids now name other samples).
/// </summary>
public sealed record HumanReview(IReadOnlyList<ReviewedSample> Reviews)
{
    /// <summary>
    /// Show each sample's good and bad boxes in the comment: only where something reads their ticks (the App, or the
    /// Action's command workflow).
    /// </summary>
    public bool ShowBoxes { get; init; } = true;

    /// <summary>Rows shown in the comment's table.</summary>
    public const int MaxRows = 30;

    private const int MaxReasonLength = 200;

    /// <summary>
    /// The verdict on sample <paramref name="sampleId"/> of <paramref name="preview"/>, with the sample; null when the
    /// preview has no such sample.
    /// </summary>
    public static ReviewedSample? Verdict(PreviewResult preview, string sampleId, bool good, string? reason, string reviewer, DateTimeOffset at, string? pullRequest) =>
        SampleIds.Find(preview, sampleId) is { } sample
            ? new ReviewedSample(sample.Provenance.Leaf, sample.Provenance.Seed, ReviewedSample.Cut(sample.Question), ReviewedSample.Cut(sample.Answer), sample.Kept, good,
                reviewer, at)
            {
                Reason = reason is null ? null : ReviewedSample.Cut(reason), PullRequest = pullRequest, SampleId = sampleId, Preview = SampleIds.Fingerprint(preview),
            }
            : null;

    /// <summary>The latest verdict on each sample of the preview shown.</summary>
    public IReadOnlyList<ReviewedSample> Current(PreviewResult preview) => Current(ReviewsFile.Latest(Reviews), preview);

    /// <summary>The latest verdict of each sample of the preview shown, by id, for its review boxes in the comment.</summary>
    public IReadOnlyDictionary<string, bool> Boxes(PreviewResult preview) => Current(preview).ToDictionary(review => review.SampleId!, review => review.Good, StringComparer.Ordinal);

    /// <summary>Critic–human agreement on the preview shown: the share of samples where both said the same, and Cohen's kappa.</summary>
    public (int Count, double? Agreement, double? Kappa) Agreement(PreviewResult preview) => AgreementOf(Current(preview));

    /// <summary>The section the comment shows under the preview; reasons and logins escaped; at its end the hidden block that carries every verdict.</summary>
    public string Markdown(PreviewResult preview)
    {
        // Where nothing reads ticks or commands (the Action alone) and nothing was reviewed, there is nothing to say.
        if (Reviews.Count == 0 && !ShowBoxes) return string.Empty;
        var latest = ReviewsFile.Latest(Reviews);
        var current = Current(latest, preview);
        var earlier = latest.Count - current.Count;
        var md = new StringBuilder("\n### Human review\n\n");
        if (current.Count == 0)
        {
            md.Append("No sample of this preview has been reviewed yet. Maintainers mark samples by ticking a sample's good or bad box, or with ")
                .Append("`/contribbot review s1:good s2:bad \"reason\"`.\n");
        }
        else
        {
            var (count, agreement, kappa) = AgreementOf(current);
            md.Append(count).Append(" sample(s) reviewed: ").Append(current.Count(r => r.Good)).Append(" good, ").Append(current.Count(r => !r.Good))
                .Append(" bad. Critic and maintainers agree on ").Append(((agreement ?? 0) * 100).ToString("0", CultureInfo.InvariantCulture)).Append(" %")
                .Append(kappa is { } k ? $" (Cohen's kappa {k.ToString("0.00", CultureInfo.InvariantCulture)})" : " (kappa undefined: one side gave one answer only)")
                .Append(".\n\n| Sample | Verdict | Critic | By | When | Reason |\n| --- | --- | --- | --- | --- | --- |\n");
            // The newest verdicts, within a bound: the rest are counted above and carried.
            foreach (var review in current.TakeLast(MaxRows))
            {
                md.Append("| `").Append(review.SampleId).Append("` | ").Append(review.Good ? "good" : "bad").Append(" | ").Append(review.CriticKept ? "kept" : "dropped").Append(" | ")
                    .Append(MarkdownText.Escape(Cut(review.Reviewer))).Append(" | ").Append(review.At.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append(" | ")
                    .Append(MarkdownText.Escape(Cut(review.Reason ?? string.Empty))).Append(" |\n");
            }
        }

        if (earlier > 0) md.Append('\n').Append(earlier).Append(" verdict(s) on earlier previews of this pull request are kept for the dataset build.\n");
        md.Append('\n').Append(ReviewCarrier.Block(latest)).Append('\n');
        return md.ToString();
    }

    private static List<ReviewedSample> Current(IReadOnlyList<ReviewedSample> latest, PreviewResult preview)
    {
        var fingerprint = SampleIds.Fingerprint(preview);
        return latest.Where(review => review.Preview == fingerprint && review.SampleId is { } id && SampleIds.Find(preview, id) is not null).ToList();
    }

    private static (int Count, double? Agreement, double? Kappa) AgreementOf(IReadOnlyList<ReviewedSample> current)
    {
        var judged = current.Select(review => (review.CriticKept, review.Good)).ToList();
        return (judged.Count, CohenKappa.Observed(judged), CohenKappa.Of(judged));
    }

    private static string Cut(string text) => text.Length <= MaxReasonLength ? text : text[..MaxReasonLength] + "…";
}
