using ContribBot.Core.Text;

namespace ContribBot.Core.Quality;

/// <summary>
/// How varied a set of texts is: distinct-n (unique n-grams over all n-grams; 1 means no phrase repeats) and the mean
/// ROUGE-L over all pairs (0 means nothing shared; near 1 means the texts are rewordings of each other). Collapsing
/// synthetic data shows as distinct-n falling and pairwise ROUGE-L rising.
/// </summary>
public static class Diversity
{
    /// <summary>Pairs compared at most; beyond this the mean is taken over the first texts only (it is quadratic).</summary>
    public const int MaxTextsCompared = 200;

    public static double DistinctN(IEnumerable<string[]> texts, int n)
    {
        var total = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tokens in texts)
        {
            for (var i = 0; i + n <= tokens.Length; i++)
            {
                total++;
                distinct.Add(string.Join(' ', tokens, i, n));
            }
        }

        return total == 0 ? 0 : (double)distinct.Count / total;
    }

    public static double MeanPairwiseRougeL(IReadOnlyList<string[]> texts)
    {
        var compared = texts.Take(MaxTextsCompared).ToList();
        var pairs = 0;
        var sum = 0.0;
        for (var i = 0; i < compared.Count; i++)
        {
            for (var j = i + 1; j < compared.Count; j++)
            {
                sum += RougeL.Score(compared[i], compared[j]);
                pairs++;
            }
        }

        return pairs == 0 ? 0 : sum / pairs;
    }
}
