using System.Text.Json;
using System.Text.Json.Nodes;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Reports;

/// <summary>
/// SARIF 2.1.0, the format code-scanning tools (GitHub code scanning, IDE viewers) read: every rule of the catalog
/// with its help text, and one result per diagnostic with its region.
/// </summary>
public static class SarifReportRenderer
{
    // Reports are files and logs, not HTML: keep quotes, apostrophes and non-ASCII text readable.
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(ValidationReport report, ReportContext context)
    {
        var catalog = DiagnosticCatalog.All;
        var ruleIndex = catalog.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var rules = new JsonArray(catalog.Select(d =>
        {
            var rule = new JsonObject
            {
                ["id"] = d.Id,
                ["name"] = RuleName(d.Title),
                ["shortDescription"] = new JsonObject { ["text"] = d.Title },
                ["fullDescription"] = new JsonObject { ["text"] = d.Title + "." },
                ["help"] = new JsonObject { ["text"] = d.Hint, ["markdown"] = MarkdownText.Escape(d.Hint) },
            };
            // SARIF's helpUri must be a URI when present, so an unknown docs address leaves it out.
            if (context.HelpUri(d) is { } uri) rule["helpUri"] = uri;
            rule["defaultConfiguration"] = d.OffByDefault
                ? new JsonObject { ["enabled"] = false, ["level"] = SeverityNames.Sarif(d.DefaultSeverity) }
                : new JsonObject { ["level"] = SeverityNames.Sarif(d.DefaultSeverity) };
            rule["properties"] = new JsonObject { ["category"] = d.Category.ToString().ToLowerInvariant() };
            return (JsonNode)rule;
        }).ToArray());

        var results = new JsonArray(report.Diagnostics.Select(d => (JsonNode)new JsonObject
        {
            ["ruleId"] = d.Id,
            ["ruleIndex"] = ruleIndex[d.Id],
            ["level"] = SeverityNames.Sarif(d.Severity),
            ["message"] = new JsonObject { ["text"] = $"{d.Message}. {d.Hint}" },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = new JsonObject { ["uri"] = RelativeUri(context.DisplayPath(d.FilePath)) },
                    ["region"] = new JsonObject
                    {
                        ["startLine"] = d.Position.Line,
                        ["startColumn"] = d.Position.Column,
                    },
                },
            }),
        }).ToArray());

        var driver = new JsonObject { ["name"] = "ContribBot", ["version"] = ReportContext.ToolVersion };
        if (context.CatalogUrl is { } docs) driver["informationUri"] = docs.GetLeftPart(UriPartial.Query);
        driver["rules"] = rules;
        var log = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject { ["driver"] = driver },
                ["columnKind"] = "utf16CodeUnits",
                ["results"] = results,
            }),
        };
        return log.ToJsonString(Indented) + "\n";
    }

    /// <summary>A relative URI reference: '/' separators, each segment percent-encoded.</summary>
    private static string RelativeUri(string path) =>
        string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string RuleName(string title) =>
        string.Concat(title.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => char.ToUpperInvariant(word[0]) + word[1..]))
            .Replace(".", string.Empty, StringComparison.Ordinal);
}
