using ContribBot.Core.Diagnostics;
using ContribBot.Core.Text;

namespace ContribBot.Core.Validation.Rules;

/// <summary>The same question asked twice (ignoring case, spacing and punctuation) teaches nothing new.</summary>
public sealed class DuplicateQuestionRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0503", "Question repeated", "this question repeats the one in {0} (line {1})", Severity.Warning,
        "Ask something different: each seed should show a new facet, or the teacher will produce near-copies.",
        DiagnosticCategory.Quality);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        var seen = new Dictionary<string, SeedText>(StringComparer.Ordinal);
        foreach (var question in leaf.Seeds.Where(t => t.Field == "question"))
        {
            var key = TextNormalizer.Normalize(question.Text);
            if (key.Length == 0) continue;
            if (seen.TryGetValue(key, out var first))
            {
                yield return Descriptor.At(leaf.FilePath, question.Node.Start, first.Describe(), first.Node.Start.Line);
            }
            else
            {
                seen[key] = question;
            }
        }
    }
}
