using ContribBot.Core.Diagnostics;
using ContribBot.Core.Generation.Preview;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Reports.Preview;

/// <summary>
/// A report read back from <c>report.json</c> (see <see cref="ReportJsonReader"/>) for publishing: the validation
/// report, the preview or dry-run plan when there is one, and the diagnostics with their paths as the report gave them
/// (relative to where validation ran: the repository root in Actions).
/// The Markdown is rendered again from these values, never taken from the report folder: the folder may come from a
/// fork's workflow run, so its report.md is not trusted.
/// </summary>
public sealed record PublishedReport(ValidationReport Validation, PreviewResult? Preview, PreviewPlan? Plan)
{
    /// <summary>Paths in a published report are the report's own, relative to where validation ran.</summary>
    public static ReportContext Context { get; } = new(".") { PathsAsGiven = true };

    public IEnumerable<Diagnostic> Diagnostics => Validation.Diagnostics;

    public int ErrorCount => Validation.ErrorCount;

    public int WarningCount => Validation.WarningCount;

    public string RenderMarkdown() => Preview is not null
        ? PreviewMarkdownRenderer.Render(Preview, Context)
        : Plan is not null
            ? PreviewPlanRenderer.Markdown(Plan, Validation, Context)
            : MarkdownReportRenderer.Render(Validation, Context);

    /// <summary>A one-line headline for a check run title.</summary>
    public string Headline()
    {
        var validation = $"{ErrorCount} error(s), {WarningCount} warning(s)";
        if (Preview is { } preview) return $"{validation} · {preview.Kept} of {preview.Generated} synthetic samples kept";
        return Plan is not null ? $"{validation} · preview planned (dry run)" : validation;
    }
}
