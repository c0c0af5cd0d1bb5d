using System.Text;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Limits;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Reports;

/// <summary>Compiler-style lines (<c>path(line,col): error CB0102: message</c>), each followed by its hint.</summary>
public static class TextReportRenderer
{
    public static string Render(ValidationReport report, ReportContext context)
    {
        var text = new StringBuilder();
        foreach (var diagnostic in report.Diagnostics)
        {
            var severity = SeverityNames.Lower(diagnostic.Severity);
            text.Append(ControlCharacters.Replace(context.DisplayPath(diagnostic.FilePath)))
                .Append('(').Append(diagnostic.Position.Line).Append(',').Append(diagnostic.Position.Column).Append("): ")
                .Append(Paint(context, severity, diagnostic.Severity == Severity.Error ? "31;1" : diagnostic.Severity == Severity.Warning ? "33;1" : "36"))
                .Append(' ').Append(diagnostic.Id).Append(": ").Append(OneLine(diagnostic.Message)).Append('\n')
                .Append("    ").Append(Paint(context, "hint:", "2")).Append(' ').Append(OneLine(diagnostic.Hint)).Append('\n');
        }

        text.Append(Summary(report)).Append('\n');
        return text.ToString();
    }

    public static string Summary(ValidationReport report) =>
        $"{report.Files.Count} file(s) checked ({report.LeafCount} leaves): {report.ErrorCount} error(s), {report.WarningCount} warning(s)";

    private static string Paint(ReportContext context, string text, string code) =>
        context.Color ? $"\u001b[{code}m{text}\u001b[0m" : text;

    // Contributed text inside a message must not break the one-line-per-diagnostic format tools parse (a line of its own
    // starting with "::error" would be a workflow command in an Actions log), nor reach the terminal as control codes.
    public static string OneLine(string text) =>
        ControlCharacters.Replace(text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal));
}
