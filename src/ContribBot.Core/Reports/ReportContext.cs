using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Reports;

/// <summary>What a renderer needs besides the report: where paths are shown from, whether to use colour, and where the docs are.</summary>
/// <param name="BaseDirectory">
/// Paths are shown relative to this folder: the current directory for people (as compilers show them), the repository
/// root for machine formats and published reports (see <see cref="ForMachines"/>).
/// </param>
/// <param name="Color">Use ANSI colours (text format, on a terminal only).</param>
public sealed record ReportContext(string BaseDirectory, bool Color = false)
{
    public const string ToolName = "contribbot";

    public static string ToolVersion { get; } =
        typeof(ReportContext).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Paths are already relative (a report read back from JSON): show them as they are.</summary>
    public bool PathsAsGiven { get; init; }

    /// <summary>
    /// The diagnostics page (<c>docs/diagnostics.md</c>) of the copy of ContribBot in use, e.g. the action's own repository
    /// at its ref. Null when nobody said where it is: then reports carry no links rather than made-up ones.
    /// </summary>
    public Uri? CatalogUrl { get; init; }

    /// <summary>
    /// For JSON, SARIF, GitHub commands and Markdown: paths relative to the report's repository root (where GitHub,
    /// code scanning and a later <c>contribbot pr</c> expect them), whatever the current directory; outside a repository,
    /// relative to <paramref name="fallbackDirectory"/>.
    /// </summary>
    public static ReportContext ForMachines(Validation.ValidationReport report, string fallbackDirectory, Uri? catalogUrl) =>
        new(report.RepositoryRoot ?? fallbackDirectory) { CatalogUrl = catalogUrl };

    public string DisplayPath(string fullPath) =>
        (PathsAsGiven ? fullPath : Path.GetRelativePath(BaseDirectory, fullPath)).Replace('\\', '/');

    /// <summary>The link to a code's entry in the diagnostics page, or null when the page's address is not known.</summary>
    public string? HelpUri(DiagnosticDescriptor descriptor) =>
        CatalogUrl is null ? null : $"{CatalogUrl.GetLeftPart(UriPartial.Query)}#{descriptor.HelpAnchor}";
}
