using ContribBot.Core.Taxonomy;
using ContribBot.Core.Taxonomy.Sources;
using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Validation;

/// <summary>Everything a rule may look at for one leaf: all values, read beforehand, so rules are pure.</summary>
public sealed record LeafContext(
    string FilePath,
    TaxonomyPath TaxonomyPath,
    YamlDocument Document,
    YamlMapping Root,
    LeafVersion Version,
    SchemaKind Kind,
    AttributionState Attribution,
    ValidationOptions Options)
{
    private IReadOnlyList<SeedText>? _seeds;

    public string Text => Document.Text;

    /// <summary>The seed examples' text fields, collected once and shared by the rules that read them.</summary>
    public IReadOnlyList<SeedText> Seeds => _seeds ??= SeedTexts.Of(Root);

    /// <summary>
    /// yamllint's error-level rules are errors for files of version 2 and later, which the taxonomy's CI lints, and
    /// warnings for version 1 files, which it never linted, so a tree the reference accepts stays accepted.
    /// </summary>
    public Diagnostics.Severity LintErrorSeverity =>
        Version.Value >= 2 ? Diagnostics.Severity.Error : Diagnostics.Severity.Warning;
}
