using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation.Lint;

namespace ContribBot.Core.Validation.Rules;

/// <summary>yamllint's colons rule: no space before ':' and at most one after it.</summary>
public sealed class ColonsRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0307", "Spacing around colon", "{0}", Severity.Warning,
        "Write `key: value`: no space before the colon and one space after it.", DiagnosticCategory.Lint);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        var tokens = leaf.Document.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != YamlTokenKind.Value) continue;
            if (TokenSpacing.SpacesBefore(tokens, i) is > 0)
            {
                yield return Descriptor.At(leaf.FilePath, tokens[i].Start, "space before the colon");
            }

            if (TokenSpacing.SpacesAfter(tokens, i) is > 1 and var after)
            {
                yield return Descriptor.At(leaf.FilePath, tokens[i].End, $"{after} spaces after the colon; one is expected");
            }
        }
    }
}
