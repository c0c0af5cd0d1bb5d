using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Validation;

/// <summary>The result of validating one or more taxonomy roots: every file looked at and what was found.</summary>
public sealed record ValidationReport(IReadOnlyList<string> Roots, IReadOnlyList<FileReport> Files)
{
    public IEnumerable<Diagnostic> Diagnostics => Files.SelectMany(file => file.Diagnostics);

    public int ErrorCount => Diagnostics.Count(d => d.Severity == Severity.Error);

    public int WarningCount => Diagnostics.Count(d => d.Severity == Severity.Warning);

    public int LeafCount => Files.Count(file => file.File.Role == Taxonomy.TaxonomyFileRole.Leaf);

    public bool HasErrors => ErrorCount > 0;
}
