using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Validation.Rules;

/// <summary>
/// yamllint's indentation rule as the relaxed preset sets it: one indentation width through the file (the first one
/// used), and lists under a key either always indented or never ("consistent").
/// </summary>
public sealed class IndentationRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0305", "Inconsistent indentation", "{0}", Severity.Warning,
        "Indent every level by the same number of spaces (two is the taxonomy's convention), and indent lists under " +
        "a key the same way throughout the file.", DiagnosticCategory.Lint);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        var tokens = leaf.Document.Tokens;
        var open = new Stack<(bool IsMapping, int Column, int Line)>();
        int? width = null;
        bool? listsIndented = null;
        var problems = new List<Diagnostic>();

        void Expect(int delta, YamlToken token)
        {
            width ??= delta;
            if (delta != width)
            {
                problems.Add(Descriptor.At(leaf.FilePath, token.Start,
                    $"indented by {delta} spaces; this file indents by {width}"));
            }
        }

        void ListStyle(bool indented, YamlToken token)
        {
            listsIndented ??= indented;
            if (listsIndented != indented)
            {
                var expected = listsIndented == true ? "indented under their key" : "level with their key";
                problems.Add(Descriptor.At(leaf.FilePath, token.Start, $"this list is not written like the file's other lists ({expected})"));
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case YamlTokenKind.BlockMappingStart or YamlTokenKind.BlockSequenceStart:
                    var isMapping = token.Kind == YamlTokenKind.BlockMappingStart;
                    if (open.TryPeek(out var parent))
                    {
                        var delta = token.Start.Column - parent.Column;
                        var compact = !parent.IsMapping && token.Start.Line == PreviousLine(tokens, i);
                        if (parent.IsMapping && !isMapping)
                        {
                            ListStyle(indented: true, token);
                            Expect(delta, token);
                        }
                        else if (!compact && delta > 0)
                        {
                            Expect(delta, token);
                        }
                    }

                    open.Push((isMapping, token.Start.Column, token.Start.Line));
                    break;
                case YamlTokenKind.BlockEnd:
                    open.TryPop(out _);
                    break;
                case YamlTokenKind.BlockEntry when open.TryPeek(out var owner) && owner.IsMapping && IsFirstIndentlessEntry(tokens, i):
                    ListStyle(indented: false, token);
                    break;
            }
        }

        return problems;
    }

    private static int PreviousLine(IReadOnlyList<YamlToken> tokens, int index) =>
        index > 0 ? tokens[index - 1].Start.Line : 0;

    // An indentless list has no block-start token: its first '-' directly follows the key's ':'.
    private static bool IsFirstIndentlessEntry(IReadOnlyList<YamlToken> tokens, int index) =>
        index > 0 && tokens[index - 1].Kind == YamlTokenKind.Value;
}
