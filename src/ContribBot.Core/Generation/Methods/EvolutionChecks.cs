using System.Collections.Frozen;
using ContribBot.Core.Text;

namespace ContribBot.Core.Generation.Methods;

/// <summary>
/// Evol-Instruct's tests of a failed evolution that need no model: the evolved question copies the words of the
/// prompt that asked for it, or its answer is a short apology, or its answer holds nothing but punctuation and stop
/// words. (The fourth, "no information gained", is the critic's to judge.) Pure functions.
/// </summary>
public static class EvolutionChecks
{
    public const string CopiedPrompt = "copied-prompt";
    public const string NoGain = "no-gain";
    public const string Apology = "apology";
    public const string Empty = "stop-words-only";

    /// <summary>An apology this short is a refusal to answer the evolved question (the method's bound: 80 words).</summary>
    public const int ApologyWords = 80;

    /// <summary>Phrases of the evolution prompts that a failed rewrite repeats instead of asking something.</summary>
    private static readonly string[] PromptWords =
    [
        "given request", "rewritten request", "the request below", "#rewritten prompt#", "rewritten prompt", "given prompt", "#given prompt#",
        "created prompt", "#created prompt#", "evolved question", "evolved_question",
    ];

    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
        "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "i", "you", "he", "she",
        "we", "they", "me", "him", "her", "us", "them", "my", "your", "our", "their", "do", "does", "did", "have", "has", "had",
        "not", "no", "yes", "there", "here", "what", "which", "who", "whom", "how", "why", "when", "where", "all", "any", "some",
        "can", "could", "will", "would", "shall", "should", "may", "might", "must", "just", "very", "too", "also", "ok", "okay",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Why the evolved question fails before any answer is asked for; null: it may go on.</summary>
    public static string? CheckQuestion(string evolved) =>
        PromptWords.Any(words => evolved.Contains(words, StringComparison.OrdinalIgnoreCase)) ? CopiedPrompt : null;

    /// <summary>Why the evolved question's answer shows the evolution failed; null: it did not.</summary>
    public static string? CheckAnswer(string answer)
    {
        if (answer.Contains("sorry", StringComparison.OrdinalIgnoreCase) && TextNormalizer.WordCount(answer) < ApologyWords) return Apology;
        var words = RougeL.Tokens(answer);
        return words.All(StopWords.Contains) ? Empty : null;
    }
}
