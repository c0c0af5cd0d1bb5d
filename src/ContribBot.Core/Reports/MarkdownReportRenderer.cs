using System.Text;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Reports;

/// <summary>
/// Markdown for a job summary or PR comment: a summary table, then a table of diagnostics per file, up to
/// <see cref="MaxLength"/> characters (every place it goes holds less; the counts above always cover all of them).
/// </summary>
public static class MarkdownReportRenderer
{
    /// <summary>More than a job summary (256 K characters of Markdown here) or a comment holds, so cutting stays theirs.</summary>
    public const int MaxLength = 300_000;

    public static string Render(ValidationReport report, ReportContext context)
    {
        var md = new StringBuilder();
        var verdict = report.HasErrors ? "❌ Validation failed" : "✅ Validation passed";
        md.Append("### ContribBot: ").Append(verdict).Append("\n\n");
        md.Append("| Files | Leaves | Errors | Warnings |\n|---:|---:|---:|---:|\n")
            .Append("| ").Append(report.Files.Count).Append(" | ").Append(report.LeafCount).Append(" | ")
            .Append(report.ErrorCount).Append(" | ").Append(report.WarningCount).Append(" |\n");

        var shown = 0;
        foreach (var file in report.Files.Where(f => f.Diagnostics.Count > 0))
        {
            if (md.Length > MaxLength) break;
            md.Append("\n#### `").Append(CodeSpan(context.DisplayPath(file.File.FullPath))).Append("`\n\n");
            md.Append("| | Line | Code | Problem | How to fix |\n|---|---:|---|---|---|\n");
            foreach (var d in file.Diagnostics)
            {
                md.Append("| ").Append(Icon(d.Severity)).Append(" | ")
                    .Append(d.Position.Line).Append(':').Append(d.Position.Column).Append(" | ")
                    .Append(CodeLink(d.Descriptor, context)).Append(" | ")
                    .Append(MarkdownText.Escape(d.Message)).Append(" | ")
                    .Append(MarkdownText.Escape(d.Hint)).Append(" |\n");
                shown++;
                if (md.Length > MaxLength) break;
            }
        }

        var total = report.Diagnostics.Count();
        if (shown < total) md.Append("\n…and ").Append(total - shown).Append(" more diagnostic(s), counted above: see the report artifact.\n");
        return md.ToString();
    }

    private static string Icon(Severity severity) => severity switch
    {
        Severity.Error => "❌ error",
        Severity.Warning => "⚠️ warning",
        _ => "ℹ️ info",
    };

    /// <summary>The code, linked to its docs entry when the docs' address is known.</summary>
    private static string CodeLink(DiagnosticDescriptor descriptor, ReportContext context) =>
        context.HelpUri(descriptor) is { } uri ? $"[{descriptor.Id}]({uri})" : descriptor.Id;

    // A path inside a code span cannot hold a backtick or a line break; replace them rather than break the span.
    private static string CodeSpan(string text) => Limits.ControlCharacters.Replace(text.Replace('`', '\'').Replace('\r', ' ').Replace('\n', ' '));
}
