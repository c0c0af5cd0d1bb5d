using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Validation;

/// <summary>What validation found for one file: the leaf it holds when it could be read, and its diagnostics.</summary>
public sealed record FileReport(
    TaxonomyFile File,
    Leaf? Leaf,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public LeafKind? Kind => Leaf?.Kind;

    public int? Version => Leaf?.Version;

    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The report as users see it: warnings raised to errors under --strict, diagnostics in reading order.</summary>
    public FileReport Finished(bool strict)
    {
        var diagnostics = strict
            ? Diagnostics.Select(d => d.Severity == Severity.Warning ? d.WithSeverity(Severity.Error) : d).ToList()
            : Diagnostics.ToList();
        diagnostics.Sort(DiagnosticOrder.Instance);
        return this with { Diagnostics = diagnostics };
    }
}
