using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Validation.Rules;

/// <summary>The same question asked twice (ignoring case, spacing and punctuation) teaches nothing new.</summary>
public sealed class DuplicateQuestionRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0503", "Question repeated", "this question repeats the one in {0} (line {1})", Severity.Warning,
        "Ask something different: each seed should show a new facet, or the teacher will produce near-copies.",
        DiagnosticCategory.Quality);

    public IEnumerable<Diagnostic> Check(LeafContext leaf) =>
        SeedRepeats.Find(leaf.Seeds.Where(t => t.Field == "question")).Select(pair =>
            Descriptor.At(leaf.FilePath, pair.Repeat.Node.Start, pair.First.Describe(), pair.First.Node.Start.Line));
}
