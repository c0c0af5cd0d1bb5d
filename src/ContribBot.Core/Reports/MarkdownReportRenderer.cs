using System.Globalization;
using System.Text;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Reports;

/// <summary>
/// Markdown for a job summary or PR comment: a summary table, the errors in one table, then the warnings and the
/// notices each folded in a <c>&lt;details&gt;</c>. Identical findings (same code, message and hint, as CB0501 on
/// sixty leaves written by one organisation) are one row with their count and first places. The whole stays within
/// its budget by construction: rows that do not fit are counted, never cut mid-table.
/// </summary>
public static class MarkdownReportRenderer
{
    /// <summary>
    /// The default budget in characters: a PR comment holds 65,536, and the comment adds its marker, notes and, in a
    /// preview, the samples around this report.
    /// </summary>
    public const int DefaultBudget = 60_000;

    /// <summary>Places listed in a grouped row; the rest are counted.</summary>
    private const int PlacesShown = 3;

    public static string Render(ValidationReport report, ReportContext context) => Render(report, context, DefaultBudget);

    public static string Render(ValidationReport report, ReportContext context, int budget)
    {
        var headline = Headline(report);
        var errors = Errors(report, context, budget - headline.Length);
        return headline + errors + WarningsAndNotices(report, context, budget - headline.Length - errors.Length);
    }

    /// <summary>The verdict and the counts, always shown whatever the budget.</summary>
    public static string Headline(ValidationReport report)
    {
        var verdict = report.HasErrors ? "❌ Validation failed" : "✅ Validation passed";
        var notices = report.Diagnostics.Count(d => d.Severity == Severity.Info);
        return new StringBuilder().Append("### ContribBot: ").Append(verdict).Append("\n\n")
            .Append("| Files | Leaves | Errors | Warnings | Notices |\n|---:|---:|---:|---:|---:|\n")
            .Append("| ").Append(report.Files.Count).Append(" | ").Append(report.LeafCount).Append(" | ")
            .Append(report.ErrorCount).Append(" | ").Append(report.WarningCount).Append(" | ").Append(notices).Append(" |\n").ToString();
    }

    /// <summary>The errors, given what they need of <paramref name="budget"/> (a preview shows them above its samples).</summary>
    public static string Errors(ValidationReport report, ReportContext context, int budget) =>
        Section(report, context, Severity.Error, budget, folded: false);

    /// <summary>The warnings and then the notices, each folded, in what <paramref name="budget"/> leaves.</summary>
    public static string WarningsAndNotices(ValidationReport report, ReportContext context, int budget)
    {
        var warnings = Section(report, context, Severity.Warning, budget, folded: true);
        return warnings + Section(report, context, Severity.Info, budget - warnings.Length, folded: true);
    }

    private static string Section(ValidationReport report, ReportContext context, Severity severity, int budget, bool folded)
    {
        var groups = report.Files.SelectMany(file => file.Diagnostics.Where(d => d.Severity == severity).Select(d => (File: file, Diagnostic: d)))
            .GroupBy(found => (found.Diagnostic.Id, found.Diagnostic.Message, found.Diagnostic.Hint))
            .Select(group => group.ToList())
            .OrderByDescending(group => group.Count).ThenBy(group => group[0].Diagnostic.Id, StringComparer.Ordinal)
            .ToList();
        if (groups.Count == 0) return string.Empty;

        var total = groups.Sum(group => group.Count);
        var (icon, name) = severity switch
        {
            Severity.Error => ("❌", "error"),
            Severity.Warning => ("⚠️", "warning"),
            _ => ("ℹ️", "notice"),
        };
        var title = $"{icon} {N(total)} {name}(s)" + (groups.Count < total ? $" ({N(groups.Count)} distinct)" : string.Empty);
        var open = folded ? $"\n<details><summary>{title}</summary>\n\n" : $"\n#### {title}\n\n";
        var close = folded ? "\n</details>\n" : string.Empty;
        const string header = "| Code | Problem | Where | How to fix |\n|---|---|---|---|\n";
        // Room kept for the closing tag and the line counting what did not fit.
        const int reserve = 160;
        if (budget < open.Length + header.Length + close.Length + reserve) return budget > 120 ? $"\n{title}: see the full report.\n" : string.Empty;

        var md = new StringBuilder(open).Append(header);
        var shownFindings = 0;
        foreach (var group in groups)
        {
            var row = Row(group, context);
            if (md.Length + row.Length + close.Length + reserve > budget) break;
            md.Append(row);
            shownFindings += group.Count;
        }

        if (shownFindings < total)
        {
            md.Append("\n…and ").Append(N(total - shownFindings)).Append(" more ").Append(name)
                .Append("(s), counted above: see the full report (report.json) or the annotations.\n");
        }

        return md.Append(close).ToString();
    }

    private static string Row(List<(FileReport File, Diagnostic Diagnostic)> group, ReportContext context)
    {
        var d = group[0].Diagnostic;
        var places = string.Join(", ", group.Take(PlacesShown).Select(found =>
            $"{MarkdownText.TableCode(context.DisplayPath(found.File.File.FullPath))}:{found.Diagnostic.Position.Line}:{found.Diagnostic.Position.Column}"));
        if (group.Count > PlacesShown) places += $" and {N(group.Count - PlacesShown)} more";
        var count = group.Count > 1 ? $"**{N(group.Count)}×** " : string.Empty;
        return $"| {CodeLink(d.Descriptor, context)} | {count}{MarkdownText.Escape(d.Message)} | {places} | {MarkdownText.Escape(d.Hint)} |\n";
    }

    /// <summary>The code, linked to its docs entry when the docs' address is known.</summary>
    private static string CodeLink(DiagnosticDescriptor descriptor, ReportContext context) =>
        context.HelpUri(descriptor) is { } uri ? $"[{descriptor.Id}]({uri})" : descriptor.Id;

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
