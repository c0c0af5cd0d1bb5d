using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Validation.Rules;

/// <summary>
/// Knowledge questions that read like statements. The teacher imitates the seeds, so a seed "question" that is a
/// statement yields generated pairs whose questions are statements too. Skill seeds are often instructions
/// ("Write a haiku…"), so only knowledge leaves are checked.
/// </summary>
public sealed class QuestionFormRule : ILeafRule
{
    private static readonly HashSet<string> QuestionStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "what", "who", "whom", "whose", "when", "where", "why", "how", "which", "is", "are", "was", "were", "do",
        "does", "did", "can", "could", "should", "would", "will", "shall", "may", "might", "has", "have", "had",
        "name", "list", "describe", "explain", "give", "tell", "summarize", "summarise", "define", "identify",
        "compare", "according", "in", "based", "provide", "state", "outline", "discuss", "mention",
    };

    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0505", "Question does not read as a question", "{0} does not read as a question",
        Severity.Warning, "Phrase it as a question (ending in '?') or a clear request such as 'Explain …'.",
        DiagnosticCategory.Quality);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        if (leaf.Kind != SchemaKind.Knowledge) yield break;
        foreach (var question in leaf.Seeds.Where(t => t.Field == "question"))
        {
            var text = question.Text.Trim();
            if (text.Contains('?', StringComparison.Ordinal)) continue;
            var firstWord = new string(text.TakeWhile(char.IsLetter).ToArray());
            if (QuestionStarts.Contains(firstWord)) continue;
            yield return Descriptor.At(leaf.FilePath, question.Node.Start, $"The question of {question.Describe()}");
        }
    }
}
