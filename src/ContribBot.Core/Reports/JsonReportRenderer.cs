using System.Text.Json;
using System.Text.Json.Nodes;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Reports;

/// <summary>A JSON document for scripts: a summary, every diagnostic, and every file with its kind and version.</summary>
public static class JsonReportRenderer
{
    // Reports are files and logs, not HTML: keep quotes, apostrophes and non-ASCII text readable.
    internal static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(ValidationReport report, ReportContext context) => Build(report, context).ToJsonString(Indented) + "\n";

    /// <summary>The report as a JSON object, for documents that embed it (the preview report).</summary>
    public static JsonObject Build(ValidationReport report, ReportContext context)
    {
        return new JsonObject
        {
            ["tool"] = new JsonObject { ["name"] = ReportContext.ToolName, ["version"] = ReportContext.ToolVersion },
            ["summary"] = new JsonObject
            {
                ["files"] = report.Files.Count,
                ["leaves"] = report.LeafCount,
                ["errors"] = report.ErrorCount,
                ["warnings"] = report.WarningCount,
            },
            ["diagnostics"] = new JsonArray(report.Diagnostics.Select(d => (JsonNode)new JsonObject
            {
                ["code"] = d.Id,
                ["severity"] = SeverityNames.Lower(d.Severity),
                ["file"] = context.DisplayPath(d.FilePath),
                ["line"] = d.Position.Line,
                ["column"] = d.Position.Column,
                ["title"] = d.Descriptor.Title,
                ["message"] = d.Message,
                ["hint"] = d.Hint,
                ["helpUri"] = context.HelpUri(d.Descriptor),
            }).ToArray()),
            ["files"] = new JsonArray(report.Files.Select(f => (JsonNode)new JsonObject
            {
                ["path"] = context.DisplayPath(f.File.FullPath),
                ["taxonomyPath"] = f.File.TaxonomyPath.Value,
                ["role"] = f.File.Role.ToString().ToLowerInvariant(),
                ["kind"] = f.Kind is { } kind ? KindName(kind) : null,
                ["version"] = f.Version,
                ["blob"] = f.Leaf?.BlobId,
                ["lastCommit"] = f.Leaf?.LastCommit,
                ["documents"] = new JsonArray((f.Leaf?.Documents ?? []).Select(d => (JsonNode)new JsonObject
                {
                    ["repo"] = d.Repo,
                    ["commit"] = d.Commit,
                    ["path"] = d.Path,
                    ["blob"] = d.BlobId,
                    ["size"] = d.Size,
                }).ToArray()),
                ["errors"] = f.Diagnostics.Count(d => d.Severity == Diagnostics.Severity.Error),
                ["warnings"] = f.Diagnostics.Count(d => d.Severity == Diagnostics.Severity.Warning),
            }).ToArray()),
        };
    }

    public static string KindName(Taxonomy.LeafKind kind) => kind switch
    {
        Taxonomy.LeafKind.Knowledge => "knowledge",
        Taxonomy.LeafKind.FreeformSkill => "freeform_skill",
        _ => "grounded_skill",
    };
}
