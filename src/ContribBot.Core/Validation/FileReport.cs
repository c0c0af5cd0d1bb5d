using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Validation;

/// <summary>What validation found for one file: its kind and version when it could be read, and its diagnostics.</summary>
public sealed record FileReport(
    TaxonomyFile File,
    LeafKind? Kind,
    int? Version,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}
