using ContribBot.Core.Reports;
using ContribBot.Core.Runs.Checking;

namespace ContribBot.Cli.Commands;

/// <summary>The options of <c>contribbot validate</c>: what to check, and how to print the report.</summary>
public sealed record ValidateSettings(CheckSettings Check, ReportFormat Format, string? Output, bool NoColor)
{
    /// <summary>Report only findings this baseline does not hold.</summary>
    public string? Baseline { get; init; }

    /// <summary>Write the findings to this file as a baseline instead of reporting them.</summary>
    public string? WriteBaseline { get; init; }
}
