using ContribBot.Core.Diagnostics;
using ContribBot.Core.Validation.Lint;

namespace ContribBot.Core.Validation.Rules;

/// <summary>yamllint's new-lines rule (type unix): reported once, at the first Windows line ending.</summary>
public sealed class LineEndingsRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0304", "Windows line endings", "the file uses Windows line endings (CRLF); the taxonomy requires Unix (LF)",
        Severity.Error, "Set your editor to LF line endings, or run `dos2unix qna.yaml`.", DiagnosticCategory.Lint);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        if (!leaf.Text.Contains('\r', StringComparison.Ordinal)) yield break;
        var first = SourceLines.Of(leaf.Text).FirstOrDefault(line => line.HasCarriageReturn);
        if (first.Number == 0) yield break;
        yield return Descriptor.At(leaf.FilePath, new SourcePosition(first.Number, first.Length + 1))
            .WithSeverity(leaf.LintErrorSeverity);
    }
}
