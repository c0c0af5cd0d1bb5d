using System.Text;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Reports;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=…,line=…,col=…,title=…::message</c>), which Actions turns into
/// annotations on the changed lines. GitHub shows at most 10 of each level per step; the check run carries the rest.
/// </summary>
public static class GitHubReportRenderer
{
    public static string Render(ValidationReport report, ReportContext context)
    {
        var text = new StringBuilder();
        foreach (var d in report.Diagnostics)
        {
            text.Append("::").Append(SeverityNames.GitHubCommand(d.Severity))
                .Append(" file=").Append(EscapeProperty(context.DisplayPath(d.FilePath)))
                .Append(",line=").Append(d.Position.Line)
                .Append(",col=").Append(d.Position.Column)
                .Append(",title=").Append(EscapeProperty($"{d.Id} {d.Descriptor.Title}"))
                .Append("::").Append(EscapeData($"{d.Message}\nHint: {d.Hint}"))
                .Append('\n');
        }

        text.Append(EscapeData(TextReportRenderer.Summary(report))).Append('\n');
        return text.ToString();
    }

    /// <summary>Escaping of a command's message, as the Actions runner decodes it.</summary>
    public static string EscapeData(string value) => Limits.ControlCharacters.Replace(value
        .Replace("%", "%25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal));

    /// <summary>Escaping of a property value, which additionally may not hold ':' or ','.</summary>
    public static string EscapeProperty(string value) => EscapeData(value)
        .Replace(":", "%3A", StringComparison.Ordinal)
        .Replace(",", "%2C", StringComparison.Ordinal);
}
