namespace ContribBot.Core.Reports;

/// <summary>The output formats of <c>contribbot validate --format</c>.</summary>
public enum ReportFormat
{
    Text,
    Json,
    Sarif,
    GitHub,
    Markdown,
}
