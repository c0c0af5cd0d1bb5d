namespace ContribBot.Core.Diagnostics;

/// <summary>One problem found in one file, at one place, with the fix hint that goes with it.</summary>
/// <param name="FilePath">Full path of the file; renderers make it relative for display.</param>
public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    Severity Severity,
    string FilePath,
    SourcePosition Position,
    string Message,
    string Hint)
{
    public string Id => Descriptor.Id;

    public Diagnostic WithSeverity(Severity severity) => this with { Severity = severity };

    public Diagnostic WithHint(string hint) => this with { Hint = hint };
}
