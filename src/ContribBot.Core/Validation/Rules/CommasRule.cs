using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation.Lint;

namespace ContribBot.Core.Validation.Rules;

/// <summary>yamllint's commas rule in flow collections: no space before ',' and exactly one after it.</summary>
public sealed class CommasRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0308", "Spacing around comma", "{0}", Severity.Warning,
        "Write flow lists as `[a, b]`: no space before a comma, one after it.", DiagnosticCategory.Lint);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        var tokens = leaf.Document.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != YamlTokenKind.FlowEntry) continue;
            if (TokenSpacing.SpacesBefore(tokens, i) is > 0)
            {
                yield return Descriptor.At(leaf.FilePath, tokens[i].Start, "space before the comma");
            }

            switch (TokenSpacing.SpacesAfter(tokens, i))
            {
                case 0 when NextIsContent(tokens, i):
                    yield return Descriptor.At(leaf.FilePath, tokens[i].End, "no space after the comma");
                    break;
                case > 1 and var after:
                    yield return Descriptor.At(leaf.FilePath, tokens[i].End, $"{after} spaces after the comma; one is expected");
                    break;
            }
        }
    }

    // `[a,]` has nothing after the comma but the closing bracket, which yamllint allows.
    private static bool NextIsContent(IReadOnlyList<YamlToken> tokens, int index) =>
        tokens.Skip(index + 1).FirstOrDefault(t => !TokenSpacing.IsVirtual(t)).Kind
            is not (YamlTokenKind.FlowSequenceEnd or YamlTokenKind.FlowMappingEnd);
}
