using ContribBot.Core.Diagnostics;
using ContribBot.Core.Text;

namespace ContribBot.Core.Validation.Rules;

/// <summary>
/// One answer reused for different questions. Copied seeds are an early sign of model collapse: the teacher learns
/// that answers do not depend on questions.
/// </summary>
public sealed class CopiedAnswerRule : ILeafRule
{
    /// <summary>Short answers ("Yes", "42") legitimately repeat; only longer ones count as copies.</summary>
    private const int MinimumWords = 4;

    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0504", "Answer copied from another seed", "this answer is the same as the one in {0} (line {1})",
        Severity.Warning, "Write an answer that fits this question; a copied answer teaches the model to ignore questions.",
        DiagnosticCategory.Quality);

    public IEnumerable<Diagnostic> Check(LeafContext leaf) =>
        SeedRepeats.Find(leaf.Seeds.Where(t => t.Field == "answer" && TextNormalizer.WordCount(t.Text) >= MinimumWords))
            .Select(pair => Descriptor.At(leaf.FilePath, pair.Repeat.Node.Start, pair.First.Describe(), pair.First.Node.Start.Line));
}
