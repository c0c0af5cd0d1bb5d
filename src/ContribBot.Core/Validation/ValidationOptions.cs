using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Validation;

/// <summary>How strictly and within which bounds a taxonomy is validated. Defaults suit a taxonomy's CI.</summary>
public sealed record ValidationOptions
{
    public static ValidationOptions Default { get; } = new();

    /// <summary>Bounds on each file read (size, depth, alias expansion).</summary>
    public YamlLimits Limits { get; init; } = YamlLimits.Default;

    /// <summary>Turn every warning into an error (<c>--strict</c>).</summary>
    public bool Strict { get; init; }

    /// <summary>Token budgets for seed text, sized for a teacher prompt of 4,096 tokens.</summary>
    public SeedTokenBudget TokenBudget { get; init; } = SeedTokenBudget.Default;

    /// <summary>
    /// Changed or added leaves must use the newest format version, as the taxonomy's CI requires of contributions
    /// (pull-request mode); a whole-tree run checks each file against the version it declares.
    /// </summary>
    public bool RequireNewestVersion { get; init; }

    /// <summary>The maintainer's rule levels, overrides and ignored paths (<c>validate:</c> in the config file).</summary>
    public Policy.RulePolicy Policy { get; init; } = Validation.Policy.RulePolicy.None;

    /// <summary>
    /// Pull-request mode: the taxonomy folders (paths as <see cref="Taxonomy.TaxonomyPath"/> writes them) that existed
    /// before the change, whose names the change did not choose. Null in a whole-tree check, where every folder counts.
    /// </summary>
    public IReadOnlySet<string>? FoldersAtBase { get; init; }

    /// <summary>
    /// Pull-request mode: a warning on a line the change did not touch, in a leaf it modified, is shown as a notice
    /// (<c>--untouched-as-notices</c>, <c>validate.untouched_as_notices</c>): the contributor is told, not blamed.
    /// </summary>
    public bool UntouchedAsNotices { get; init; }

    /// <summary>Knowledge documents are resolved in this run (pull-request mode), so CB06xx judge <c>document.repo</c>.</summary>
    public bool ChecksDocuments { get; init; }

    /// <summary>
    /// The taxonomy's own leaf template (<c>docs/template_qna.yaml</c>, from the taxonomy root) when it has one, for
    /// hints to point at; null when it has none (hints never point at files the contributor does not have).
    /// </summary>
    public string? TemplateFile { get; init; }

    /// <summary>How many files are checked at once. Default: one per processor.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
}
