namespace ContribBot.Core.Diagnostics;

/// <summary>How much a diagnostic matters. Ordered so that a larger value is more serious.</summary>
public enum Severity
{
    Info = 0,
    Warning = 1,
    Error = 2,
}
