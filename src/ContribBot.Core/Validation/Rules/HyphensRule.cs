using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation.Lint;

namespace ContribBot.Core.Validation.Rules;

/// <summary>yamllint's hyphens rule: at most one space after a list item's '-'.</summary>
public sealed class HyphensRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0306", "Spacing after hyphen", "{0} spaces after '-'; one is expected", Severity.Warning,
        "Write list items as `- item` with one space after the hyphen.", DiagnosticCategory.Lint);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        var tokens = leaf.Document.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == YamlTokenKind.BlockEntry && TokenSpacing.SpacesAfter(tokens, i) is > 1 and var after)
            {
                yield return Descriptor.At(leaf.FilePath, tokens[i].End, after);
            }
        }
    }
}
