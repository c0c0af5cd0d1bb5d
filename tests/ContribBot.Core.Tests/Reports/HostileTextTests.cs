using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContribBot.Core.Reports;
using ContribBot.Core.Reports.Preview;

namespace ContribBot.Core.Tests.Reports;

/// <summary>
/// Every contributed or generated field, paths, codes and score names included, is escaped for the output it goes to:
/// no Markdown or HTML goes live, no workflow command is injected into a log, no control character reaches a terminal.
/// </summary>
public sealed class HostileTextTests
{
    private const string Breakout = "knowledge/a\n\n</code></summary>\n\n<img src=x onerror=alert(1)> @admin [link](https://evil.example)\n\n<details><summary>";

    [Fact]
    public void A_leaf_path_with_blank_lines_and_html_stays_inside_its_summary()
    {
        var md = Report(leafPath: Breakout).RenderMarkdown();

        Assert.Empty(Live(md, "<img"));
        Assert.Empty(Live(md, "</code></summary>"));
        Assert.Empty(Live(md, "](https://evil.example)"));
        Assert.Empty(Live(md, "@admin"));
        // Our own <details> open and close in pairs; the path's are text.
        Assert.Equal(CountOf(md, "<details>"), CountOf(md, "</details>"));
    }

    [Fact]
    public void Risk_codes_and_score_names_from_a_report_are_escaped()
    {
        var md = Report(riskCode: "<b>**RISK**</b>", scoreName: "<img src=y>").RenderMarkdown();

        Assert.Empty(Live(md, "<b>"));
        Assert.Empty(Live(md, "**RISK**"));
        Assert.Empty(Live(md, "<img"));
    }

    [Fact]
    public void A_newline_in_a_path_cannot_start_a_workflow_command_in_text_output()
    {
        var report = Report(diagnosticPath: "knowledge/x\n::error::forged\n::set-output name=a::b/qna.yaml", message: "m\n::warning::forged too");

        var text = TextReportRenderer.Render(report.Validation, PublishedReport.ReadBack);
        var github = GitHubReportRenderer.Render(report.Validation, PublishedReport.ReadBack);

        Assert.DoesNotContain(text.Split('\n'), line => line.StartsWith("::", StringComparison.Ordinal));
        Assert.DoesNotContain(github.Split('\n'), line => line.StartsWith("::", StringComparison.Ordinal) && line.Contains("forged", StringComparison.Ordinal) && !line.StartsWith("::error file=", StringComparison.Ordinal));
        Assert.Equal(2, text.Split('\n').Count(line => line.Length > 0) - 1); // the diagnostic, its hint, then the summary
    }

    [Theory]
    [InlineData(ReportFormat.Text)]
    [InlineData(ReportFormat.GitHub)]
    [InlineData(ReportFormat.Markdown)]
    [InlineData(ReportFormat.Json)]
    [InlineData(ReportFormat.Sarif)]
    public void Escape_and_osc_sequences_never_reach_the_output_raw(ReportFormat format)
    {
        var report = Report(diagnosticPath: "knowledge/\u001b]0;owned\u0007/qna.yaml", message: "\u001b[2J\u001b[31mred\u009b\u202Eevil");

        var rendered = ReportRenderer.Render(format, report.Validation, PublishedReport.ReadBack);

        Assert.DoesNotContain('\u001b', rendered);
        Assert.DoesNotContain('\u0007', rendered);
        Assert.DoesNotContain('\u009b', rendered);
        // Bidirectional overrides are replaced where people read (JSON keeps text exact; its readers are programs).
        if (format is not (ReportFormat.Json or ReportFormat.Sarif)) Assert.DoesNotContain('\u202E', rendered);
    }

    /// <summary>
    /// Occurrences of <paramref name="part"/> that GitHub would render as Markdown or HTML: outside code spans and not
    /// backslash-escaped (escaping puts a backslash before each punctuation character, and a zero-width space after '@').
    /// </summary>
    private static List<string> Live(string markdown, string part)
    {
        var outsideCode = Regex.Replace(markdown, @"(?<!\\)`[^`\n]*`", "``");
        return Regex.Matches(outsideCode, @"(?<!\\)" + Regex.Escape(part)).Select(match => match.Value).ToList();
    }

    private static int CountOf(string markdown, string part) => Live(markdown, part).Count;

    private static PublishedReport Report(
        string leafPath = "knowledge/a", string riskCode = "many-copies", string scoreName = "answer_quality", string diagnosticPath = "knowledge/a/qna.yaml",
        string message = "a message")
    {
        var json = new JsonObject
        {
            ["diagnostics"] = new JsonArray(new JsonObject
            {
                ["code"] = "CB0203", ["severity"] = "error", ["file"] = diagnosticPath, ["line"] = 3, ["column"] = 5, ["message"] = message, ["hint"] = "fix it",
            }),
            ["preview"] = new JsonObject { ["status"] = "complete", ["teacherModel"] = "t", ["criticModel"] = "c", ["usage"] = new JsonObject() },
            ["leaves"] = new JsonArray(new JsonObject
            {
                ["path"] = leafPath,
                ["kind"] = "knowledge",
                ["file"] = "knowledge/a/qna.yaml",
                ["samples"] = new JsonArray(new JsonObject { ["question"] = "q", ["answer"] = "a", ["kept"] = true, ["scores"] = new JsonObject { [scoreName] = 2 } }),
                ["quality"] = new JsonObject
                {
                    ["generated"] = 1,
                    ["kept"] = 1,
                    ["scores"] = new JsonObject { [scoreName] = new JsonObject { ["count"] = 1, ["min"] = 2, ["mean"] = 2, ["max"] = 2 } },
                    ["risks"] = new JsonArray(new JsonObject { ["code"] = riskCode, ["message"] = "careful" }),
                },
            }),
        };
        return ReportJsonReader.Read(json.ToJsonString());
    }
}
