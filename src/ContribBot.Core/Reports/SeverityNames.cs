using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Reports;

/// <summary>How each format spells a severity.</summary>
public static class SeverityNames
{
    public static string Lower(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    public static string Sarif(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    public static string GitHubCommand(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "notice",
    };
}
