namespace ContribBot.Core.Text;

/// <summary>
/// ROUGE-L: the F1 of the longest common subsequence of two texts' words (lower-cased, punctuation ignored). 1 means
/// the same words in the same order; unrelated sentences score near 0. Texts are cut to <see cref="MaxTokens"/>
/// words so that hostile or runaway model output cannot make the quadratic comparison expensive.
/// </summary>
public static class RougeL
{
    public const int MaxTokens = 400;

    public static string[] Tokens(string text)
    {
        var words = TextNormalizer.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > MaxTokens ? words[..MaxTokens] : words;
    }

    public static double Score(string a, string b) => Score(Tokens(a), Tokens(b));

    public static double Score(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var lcs = LongestCommonSubsequence(a, b);
        if (lcs == 0) return 0;
        var precision = (double)lcs / a.Count;
        var recall = (double)lcs / b.Count;
        return 2 * precision * recall / (precision + recall);
    }

    private static int LongestCommonSubsequence(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }
}
