using ContribBot.Core.Diagnostics;
using ContribBot.Core.Text;

namespace ContribBot.Core.Validation.Rules;

/// <summary>
/// The same question asked twice (ignoring case, spacing and punctuation) teaches nothing new. Over a different
/// context it does: a grounded skill asks one instruction of many passages, so a question repeats only when its
/// seed's context (if any) is the same too.
/// </summary>
public sealed class DuplicateQuestionRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0503", "Question repeated", "this question repeats the one in {0} (line {1})", Severity.Warning,
        "Ask something different, or ask it of a different context: each seed should show a new facet, or the teacher will produce near-copies.",
        DiagnosticCategory.Quality);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        var contexts = leaf.Seeds.Where(t => t.Field == "context")
            .ToDictionary(t => t.Seed, t => TextNormalizer.Normalize(t.Text));
        return SeedRepeats.Find(leaf.Seeds.Where(t => t.Field == "question"), t => contexts.GetValueOrDefault(t.Seed, string.Empty))
            .Select(pair => Descriptor.At(leaf.FilePath, pair.Repeat.Node.Start, pair.First.Describe(), pair.First.Node.Start.Line));
    }
}
