namespace ContribBot.Cli;

/// <summary>The exit codes of every command, as the design's CLI contract fixes them.</summary>
public static class ExitCodes
{
    /// <summary>Nothing blocking was found.</summary>
    public const int Success = 0;

    /// <summary>The taxonomy has errors.</summary>
    public const int Findings = 1;

    /// <summary>Usage, I/O or configuration error: the run itself could not be done.</summary>
    public const int UsageError = 2;
}
