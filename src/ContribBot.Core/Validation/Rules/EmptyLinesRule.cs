using ContribBot.Core.Diagnostics;
using ContribBot.Core.Validation.Lint;

namespace ContribBot.Core.Validation.Rules;

/// <summary>yamllint's empty-lines rule as the relaxed preset sets it: at most 2 in a row, none at the start or end.</summary>
public sealed class EmptyLinesRule : ILeafRule
{
    private const int MaxConsecutive = 2;

    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0311", "Too many blank lines", "{0}", Severity.Warning,
        "Remove the extra blank lines.", DiagnosticCategory.Lint);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        var run = 0;
        var sawContent = false;
        var lastBlank = 0;
        foreach (var line in SourceLines.Of(leaf.Text))
        {
            if (line.Length == 0)
            {
                run++;
                if (run == 1) lastBlank = line.Number;
                if (!sawContent && run == 1)
                {
                    yield return Descriptor.At(leaf.FilePath, new SourcePosition(line.Number, 1), "blank line at the start of the file");
                }
                else if (sawContent && run == MaxConsecutive + 1)
                {
                    yield return Descriptor.At(leaf.FilePath, new SourcePosition(line.Number, 1),
                        $"more than {MaxConsecutive} blank lines in a row");
                }

                continue;
            }

            sawContent = true;
            run = 0;
        }

        if (sawContent && run > 0 && run <= MaxConsecutive)
        {
            yield return Descriptor.At(leaf.FilePath, new SourcePosition(lastBlank, 1), "blank line at the end of the file");
        }
    }
}
