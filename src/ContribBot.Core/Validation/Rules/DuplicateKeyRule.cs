using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Validation.Rules;

/// <summary>
/// A key written twice in one mapping. PyYAML silently keeps the last value, so the first one is lost from training
/// data without a word; yamllint's key-duplicates rule makes it an error for linted files.
/// </summary>
public sealed class DuplicateKeyRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0301", "Duplicate key", "key `{0}` is repeated; it was first set on line {1} and that value is discarded",
        Severity.Error, "Remove one of the two, or, if both are meant, start a new list item with '- ' for the second.",
        DiagnosticCategory.Lint);

    public IEnumerable<Diagnostic> Check(LeafContext leaf) =>
        leaf.Document.DuplicateKeys.Select(duplicate =>
            Descriptor.At(leaf.FilePath, duplicate.Again, duplicate.Key, duplicate.First.Line)
                .WithSeverity(leaf.LintErrorSeverity));
}
