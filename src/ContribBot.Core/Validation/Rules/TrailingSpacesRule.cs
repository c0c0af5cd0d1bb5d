using ContribBot.Core.Diagnostics;
using ContribBot.Core.Validation.Lint;

namespace ContribBot.Core.Validation.Rules;

/// <summary>yamllint's trailing-spaces rule: spaces or tabs at the end of a line.</summary>
public sealed class TrailingSpacesRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0302", "Trailing spaces", "trailing spaces at the end of the line", Severity.Error,
        "Delete the spaces after the last character of the line (many editors can trim them on save).",
        DiagnosticCategory.Lint);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        foreach (var line in SourceLines.Of(leaf.Text))
        {
            var trimmed = line.In(leaf.Text).TrimEnd(" \t");
            if (trimmed.Length == line.Length) continue;
            yield return Descriptor.At(leaf.FilePath, new SourcePosition(line.Number, trimmed.Length + 1))
                .WithSeverity(leaf.LintErrorSeverity);
        }
    }
}
