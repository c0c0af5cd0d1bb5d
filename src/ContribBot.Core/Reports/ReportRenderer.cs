using ContribBot.Core.Validation;

namespace ContribBot.Core.Reports;

/// <summary>Picks the renderer for a format.</summary>
public static class ReportRenderer
{
    public static string Render(ReportFormat format, ValidationReport report, ReportContext context) => format switch
    {
        ReportFormat.Text => TextReportRenderer.Render(report, context),
        ReportFormat.Json => JsonReportRenderer.Render(report, context),
        ReportFormat.Sarif => SarifReportRenderer.Render(report, context),
        ReportFormat.GitHub => GitHubReportRenderer.Render(report, context),
        ReportFormat.Markdown => MarkdownReportRenderer.Render(report, context),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
