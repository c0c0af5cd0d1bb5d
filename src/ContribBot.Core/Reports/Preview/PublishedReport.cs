using ContribBot.Core.Diagnostics;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Reports.Preview;

/// <summary>
/// A report to publish: the validation report, the preview or dry-run plan when there is one, and how its paths read.
/// Either read back from <c>report.json</c> (see <see cref="ReportJsonReader"/>; paths as the report gave them,
/// repository-relative) or made in process (<see cref="Of"/>; full paths, shown relative to the repository root).
/// The Markdown is rendered again from these values, never taken from a report folder: the folder may come from a
/// fork's workflow run, so its report.md is not trusted.
/// </summary>
public sealed record PublishedReport(ValidationReport Validation, PreviewResult? Preview, PreviewPlan? Plan)
{
    /// <summary>A report read back from JSON: its paths are already repository-relative.</summary>
    public static ReportContext ReadBack { get; } = new(".") { PathsAsGiven = true };

    /// <summary>How paths and links are shown; <see cref="ReadBack"/> unless made in process.</summary>
    public ReportContext Context { get; init; } = ReadBack;

    /// <summary>A report made in this process (as the App makes them): full paths, shown from the repository root.</summary>
    public static PublishedReport Of(ValidationReport validation, PreviewResult? preview = null, PreviewPlan? plan = null, Uri? catalogUrl = null) =>
        new(validation, preview, plan)
        {
            Context = ReportContext.ForMachines(validation, validation.Roots.Count > 0 ? validation.Roots[0] : ".", catalogUrl),
        };

    /// <summary>The path of a diagnostic's file as the report shows it.</summary>
    public string PathOf(Diagnostic diagnostic) => Context.DisplayPath(diagnostic.FilePath);

    public IEnumerable<Diagnostic> Diagnostics => Validation.Diagnostics;

    public int ErrorCount => Validation.ErrorCount;

    public int WarningCount => Validation.WarningCount;

    /// <summary>
    /// The preview or plan was taken from the pull request's own workflow run (see <see cref="VerifiedReport"/>) while
    /// the validation is ours: the Markdown says which is which.
    /// </summary>
    public bool PreviewFromPullRequestRun { get; init; }

    /// <summary>The note that opens a <see cref="PreviewFromPullRequestRun"/> report.</summary>
    public const string ProvenanceNote =
        "> [!NOTE]\n> The verdict (errors, warnings, annotations) was computed by ContribBot from the pull request's commit. " +
        "The samples, scores and costs are as the pull request's own workflow run reported them: that run uses the pull request's " +
        "copy of the workflow, so they inform review but decide nothing.\n\n";

    /// <summary>The maintainers' verdicts on the preview's samples (the App's review), shown under the preview.</summary>
    public HumanReview? Review { get; init; }

    public string RenderMarkdown()
    {
        var review = Review is not null && Preview is not null ? Review.Markdown(Preview) : string.Empty;
        var body = Preview is not null
            ? PreviewMarkdownRenderer.Render(Validation, Preview, Context, MarkdownReportRenderer.DefaultBudget - review.Length, Review is { ShowBoxes: true } ? Review.Boxes(Preview) : null) + review
            : Plan is not null
                ? PreviewPlanRenderer.Markdown(Plan, Validation, Context)
                : MarkdownReportRenderer.Render(Validation, Context);
        if (!PreviewFromPullRequestRun) return body;
        // Under the heading, before anything the run reported.
        var afterHeading = body.StartsWith("### ", StringComparison.Ordinal) ? body.IndexOf("\n\n", StringComparison.Ordinal) : -1;
        return afterHeading < 0 ? ProvenanceNote + body : body[..(afterHeading + 2)] + ProvenanceNote + body[(afterHeading + 2)..];
    }

    /// <summary>A one-line headline for a check run title.</summary>
    public string Headline()
    {
        var validation = $"{ErrorCount} error(s), {WarningCount} warning(s)";
        if (Preview is { } preview) return $"{validation} · {preview.Kept} of {preview.Generated} synthetic samples kept";
        return Plan is not null ? $"{validation} · preview planned (dry run)" : validation;
    }
}
