namespace ContribBot.Core.Text;

/// <summary>
/// A lexical grounding score for knowledge answers: the share of the answer's content words (four letters or more, so
/// "the" and "is" do not count) that occur in the source chunk. 1 means every such word is in the chunk; an answer
/// drawing on outside knowledge scores low. A cheap, explainable companion to the critic's faithfulness verdict.
/// </summary>
public static class Grounding
{
    public static double Score(string answer, string source)
    {
        var words = ContentWords(answer).ToList();
        if (words.Count == 0) return 0;
        var known = ContentWords(source).ToHashSet(StringComparer.Ordinal);
        return Math.Round((double)words.Count(known.Contains) / words.Count, 3);
    }

    private static IEnumerable<string> ContentWords(string text) =>
        TextNormalizer.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => word.Length >= 4);
}
