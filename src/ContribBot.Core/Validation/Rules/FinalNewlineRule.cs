using ContribBot.Core.Diagnostics;
using ContribBot.Core.Validation.Lint;

namespace ContribBot.Core.Validation.Rules;

/// <summary>yamllint's new-line-at-end-of-file rule.</summary>
public sealed class FinalNewlineRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0303", "No newline at end of file", "the file does not end with a line break", Severity.Error,
        "Press Enter after the last line and save.", DiagnosticCategory.Lint);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        if (leaf.Text.Length == 0 || leaf.Text[^1] == '\n') yield break;
        var last = SourceLines.Of(leaf.Text).Last();
        yield return Descriptor.At(leaf.FilePath, new SourcePosition(last.Number, last.Length + 1))
            .WithSeverity(leaf.LintErrorSeverity);
    }
}
