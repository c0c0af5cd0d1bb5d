using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy;
using ContribBot.Core.Validation.Policy;

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

    /// <summary>Rules the file silences itself (<c># contribbot: disable=…</c>), read while it was decoded.</summary>
    public InlineSuppressions Suppressions { get; init; } = InlineSuppressions.None;

    /// <summary>
    /// The report as users see it: the maintainer's levels and the file's own suppressions applied, then warnings
    /// raised to errors under --strict, diagnostics in reading order.
    /// </summary>
    public FileReport Finished(ValidationOptions options)
    {
        var levelled = options.Policy.Apply(File.RelativePath, Diagnostics, Suppressions);
        var diagnostics = options.Strict
            ? levelled.Select(d => d.Severity == Severity.Warning ? d.WithSeverity(Severity.Error) : d).ToList()
            : levelled.ToList();
        diagnostics.Sort(DiagnosticOrder.Instance);
        return this with { Diagnostics = diagnostics };
    }
}
