using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Sources;

namespace ContribBot.Core.Validation.Rules;

/// <summary>Leaves of version 2 and later need a non-empty <c>attribution.txt</c> beside them.</summary>
public sealed class AttributionRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Missing = new(
        "CB0404", "attribution.txt missing", "there is no attribution.txt next to this qna.yaml", Severity.Error,
        "Add attribution.txt in the same folder with: Title of work, Link to work, Revision, License of the work, " +
        "Creator names.", DiagnosticCategory.Taxonomy);

    public static readonly DiagnosticDescriptor Empty = new(
        "CB0405", "attribution.txt empty", "attribution.txt next to this qna.yaml is empty", Severity.Error,
        "Fill in: Title of work, Link to work, Revision, License of the work, Creator names.",
        DiagnosticCategory.Taxonomy);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        if (leaf.Version.Value < 2) yield break;
        if (leaf.Attribution == AttributionState.Missing) yield return Missing.At(leaf.FilePath, SourcePosition.FileStart);
        if (leaf.Attribution == AttributionState.Empty) yield return Empty.At(leaf.FilePath, SourcePosition.FileStart);
    }
}
