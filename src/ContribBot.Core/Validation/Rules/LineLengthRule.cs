using ContribBot.Core.Diagnostics;
using ContribBot.Core.Validation.Lint;

namespace ContribBot.Core.Validation.Rules;

/// <summary>
/// yamllint's line-length rule as the taxonomy's 2024 CI ran it: at most 120 characters, a line of one long word (a
/// URL, after its indentation, a list dash or a comment's '#') allowed. Off unless a maintainer gives it a level:
/// today's taxonomy CI no longer asks for it, and long answers are common.
/// </summary>
public sealed class LineLengthRule : ILeafRule
{
    public const int MaxCharacters = 120;

    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0312", "Line too long", "the line is {0} characters long; the limit is 120", Severity.Warning,
        "Break the text over lines: a `|` block keeps its line breaks, and a plain or quoted value may go on over the next lines, indented.",
        DiagnosticCategory.Lint) { OffByDefault = true };

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        foreach (var line in SourceLines.Of(leaf.Text))
        {
            var text = line.In(leaf.Text);
            if (text.Length <= MaxCharacters) continue;
            var characters = CodePoints(text);
            if (characters <= MaxCharacters || IsOneWord(text)) continue;
            yield return Descriptor.At(leaf.FilePath, new SourcePosition(line.Number, MaxCharacters + 1), characters);
        }
    }

    private static int CodePoints(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (!char.IsLowSurrogate(c)) count++;
        }

        return count;
    }

    // As yamllint's allow-non-breakable-words: after the indentation, a list dash or a comment's '#', no space follows.
    private static bool IsOneWord(ReadOnlySpan<char> text)
    {
        var rest = text.TrimStart(' ');
        if (rest.StartsWith("#")) rest = rest.TrimStart('#').TrimStart(' ');
        else if (rest.StartsWith("- ")) rest = rest[2..];
        return !rest.Contains(' ');
    }
}
