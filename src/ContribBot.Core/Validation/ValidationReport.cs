using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Validation;

/// <summary>The result of validating one or more taxonomy roots: every file looked at and what was found.</summary>
public sealed record ValidationReport(IReadOnlyList<string> Roots, IReadOnlyList<FileReport> Files)
{
    /// <summary>
    /// The work tree of the git repository holding the roots, or null outside one. Published reports and machine formats
    /// give paths relative to it, as GitHub's annotations and code scanning need them.
    /// </summary>
    public string? RepositoryRoot { get; init; }

    public IEnumerable<Diagnostic> Diagnostics => Files.SelectMany(file => file.Diagnostics);

    public int ErrorCount => Diagnostics.Count(d => d.Severity == Severity.Error);

    public int WarningCount => Diagnostics.Count(d => d.Severity == Severity.Warning);

    public int LeafCount => Files.Count(file => file.File.Role == Taxonomy.TaxonomyFileRole.Leaf);

    public bool HasErrors => ErrorCount > 0;
}
