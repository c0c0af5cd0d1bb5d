using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation.Lint;

namespace ContribBot.Core.Validation.Rules;

/// <summary>yamllint's braces and brackets rules as the relaxed preset sets them: at most one space inside.</summary>
public sealed class FlowBracketsRule : ILeafRule
{
    private const int MaxSpacesInside = 1;

    public static readonly DiagnosticDescriptor Braces = new(
        "CB0309", "Spacing inside braces", "{0} spaces inside braces; at most one is expected", Severity.Warning,
        "Write flow mappings as `{ key: value }` or `{key: value}`.", DiagnosticCategory.Lint);

    public static readonly DiagnosticDescriptor Brackets = new(
        "CB0310", "Spacing inside brackets", "{0} spaces inside brackets; at most one is expected", Severity.Warning,
        "Write flow lists as `[ a, b ]` or `[a, b]`.", DiagnosticCategory.Lint);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        var tokens = leaf.Document.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var (descriptor, opening) = tokens[i].Kind switch
            {
                YamlTokenKind.FlowMappingStart => (Braces, true),
                YamlTokenKind.FlowMappingEnd => (Braces, false),
                YamlTokenKind.FlowSequenceStart => (Brackets, true),
                YamlTokenKind.FlowSequenceEnd => (Brackets, false),
                _ => (null, false),
            };
            if (descriptor is null) continue;
            var spaces = opening ? TokenSpacing.SpacesAfter(tokens, i) : TokenSpacing.SpacesBefore(tokens, i);
            if (spaces > MaxSpacesInside)
            {
                yield return descriptor.At(leaf.FilePath, opening ? tokens[i].End : tokens[i].Start, spaces);
            }
        }
    }
}
