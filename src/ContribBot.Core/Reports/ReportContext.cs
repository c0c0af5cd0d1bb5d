namespace ContribBot.Core.Reports;

/// <summary>What a renderer needs besides the report: where paths are shown from, and whether to use colour.</summary>
/// <param name="BaseDirectory">Paths are shown relative to this folder, as compilers show them (the current directory).</param>
/// <param name="Color">Use ANSI colours (text format, on a terminal only).</param>
public sealed record ReportContext(string BaseDirectory, bool Color = false)
{
    public const string ToolName = "contribbot";

    public static string ToolVersion { get; } =
        typeof(ReportContext).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Paths are already relative (a report read back from JSON): show them as they are.</summary>
    public bool PathsAsGiven { get; init; }

    public string DisplayPath(string fullPath) =>
        (PathsAsGiven ? fullPath : Path.GetRelativePath(BaseDirectory, fullPath)).Replace('\\', '/');
}
