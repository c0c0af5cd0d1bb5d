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
    bool NoColor);
