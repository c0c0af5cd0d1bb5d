using ContribBot.Core.Reports;

namespace ContribBot.Cli.Commands;

/// <summary>The options of <c>contribbot validate</c>, bound in one place.</summary>
public sealed record ValidateSettings(
    IReadOnlyList<string> Paths,
    ReportFormat Format,
    string? Output,
    bool Strict,
    long MaxFileSize,
    int MaxSeedTokens,
    int MaxTotalSeedTokens,
    bool NoColor,
    string? Base = null,
    string? Head = null,
    bool AllowLocalRepos = false,
    bool Offline = false)
{
    /// <summary>Pull-request mode: only what changed between the merge base and head is checked.</summary>
    public bool ChangesOnly => Base is not null || Head is not null;
}
