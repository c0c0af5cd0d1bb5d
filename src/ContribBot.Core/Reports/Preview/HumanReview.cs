using System.Globalization;
using System.Text;
using ContribBot.Core.Quality;
using ContribBot.Core.Quality.Review;

namespace ContribBot.Core.Reports.Preview;

/// <summary>A maintainer's verdict on one sample: good or bad, why, who and when.</summary>
public sealed record HumanVerdict(string SampleId, bool Good, string? Reason, string Reviewer, DateTimeOffset At);

/// <summary>
/// The human review of a preview: the verdicts, and how far the critic (which kept or dropped each sample) agrees
/// with the maintainers (Cohen's kappa over the samples both judged).
/// </summary>
public sealed record HumanReview(IReadOnlyList<HumanVerdict> Verdicts)
{
    /// <summary>The pull request reviewed (<c>owner/name#12</c>), recorded with each carried verdict.</summary>
    public string? PullRequest { get; init; }

    /// <summary>The latest verdict of each sample, for its review boxes in the comment.</summary>
    public IReadOnlyDictionary<string, bool> Boxes =>
        Verdicts.GroupBy(v => v.SampleId, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.MaxBy(v => v.At)!.Good, StringComparer.Ordinal);

    /// <summary>Rows shown in the comment's table.</summary>
    public const int MaxRows = 30;

    private const int MaxReasonLength = 200;

    /// <summary>Verdicts on samples the preview has, with the critic's decision beside each.</summary>
    public IReadOnlyList<(HumanVerdict Verdict, bool CriticKept)> Judged(PreviewResult preview) =>
        Verdicts.Select(v => (Verdict: v, Sample: SampleIds.Find(preview, v.SampleId)))
            .Where(pair => pair.Sample is not null)
            .Select(pair => (pair.Verdict, pair.Sample!.Kept))
            .ToList();

    /// <summary>Critic–human agreement: the share of samples where both said the same, and Cohen's kappa.</summary>
    public (int Count, double? Agreement, double? Kappa) Agreement(PreviewResult preview)
    {
        var judged = Judged(preview).Select(j => (j.CriticKept, j.Verdict.Good)).ToList();
        return (judged.Count, judged.Count == 0 ? null : judged.Count(j => j.CriticKept == j.Good) / (double)judged.Count, CohenKappa.Of(judged));
    }

    /// <summary>
    /// The verdicts with their samples (leaf, seed, question and answer cut short, the critic's decision), as the
    /// comment carries them to the build (<see cref="ReviewCarrier"/>).
    /// </summary>
    public IReadOnlyList<ReviewedSample> Carried(PreviewResult preview) =>
        Verdicts.Select(v => (Verdict: v, Sample: SampleIds.Find(preview, v.SampleId)))
            .Where(pair => pair.Sample is not null)
            .Select(pair => new ReviewedSample(pair.Sample!.Provenance.Leaf, pair.Sample.Provenance.Seed, ReviewedSample.Cut(pair.Sample.Question),
                ReviewedSample.Cut(pair.Sample.Answer), pair.Sample.Kept, pair.Verdict.Good, pair.Verdict.Reviewer, pair.Verdict.At)
            {
                Reason = pair.Verdict.Reason is { } reason ? ReviewedSample.Cut(reason) : null, PullRequest = PullRequest, SampleId = pair.Verdict.SampleId,
            })
            .ToList();

    /// <summary>The section the comment shows under the preview; reasons and logins escaped; the hidden block that carries the verdicts at its end.</summary>
    public string Markdown(PreviewResult preview)
    {
        var judged = Judged(preview);
        var md = new StringBuilder("\n### Human review\n\n");
        if (judged.Count == 0)
        {
            md.Append("No sample has been reviewed yet. Maintainers mark samples by ticking a sample's good or bad box, or with `/contribbot review s1:good s2:bad \"reason\"`.\n");
            return md.ToString();
        }

        var (count, agreement, kappa) = Agreement(preview);
        md.Append(count).Append(" sample(s) reviewed: ").Append(judged.Count(j => j.Verdict.Good)).Append(" good, ").Append(judged.Count(j => !j.Verdict.Good))
            .Append(" bad. Critic and maintainers agree on ").Append(((agreement ?? 0) * 100).ToString("0", CultureInfo.InvariantCulture)).Append(" %")
            .Append(kappa is { } k ? $" (Cohen's kappa {k.ToString("0.00", CultureInfo.InvariantCulture)})" : " (kappa undefined: one side gave one answer only)")
            .Append(".\n\n| Sample | Verdict | Critic | By | When | Reason |\n| --- | --- | --- | --- | --- | --- |\n");
        // The newest verdicts, within a bound: the rest are counted above and stored.
        foreach (var (verdict, kept) in judged.TakeLast(MaxRows))
        {
            md.Append("| `").Append(verdict.SampleId).Append("` | ").Append(verdict.Good ? "good" : "bad").Append(" | ").Append(kept ? "kept" : "dropped").Append(" | ")
                .Append(MarkdownText.Escape(Cut(verdict.Reviewer))).Append(" | ").Append(verdict.At.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append(" | ")
                .Append(MarkdownText.Escape(Cut(verdict.Reason ?? string.Empty))).Append(" |\n");
        }

        md.Append('\n').Append(ReviewCarrier.Block(Carried(preview))).Append('\n');
        return md.ToString();
    }

    private static string Cut(string text) => text.Length <= MaxReasonLength ? text : text[..MaxReasonLength] + "…";
}
