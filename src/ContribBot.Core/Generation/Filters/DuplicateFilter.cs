using ContribBot.Core.Text;

namespace ContribBot.Core.Generation.Filters;

/// <summary>
/// Drops generated questions that repeat a seed (copying seeds is how model collapse starts) or an earlier kept
/// sample: exactly (after normalising case, spacing and punctuation) or nearly (ROUGE-L above the threshold).
/// Not thread-safe: samples pass through it one at a time, in a fixed order, so results are reproducible.
/// </summary>
public sealed class DuplicateFilter
{
    private readonly double _threshold;
    private readonly HashSet<string> _seedTexts = new(StringComparer.Ordinal);
    private readonly List<string[]> _seedTokens = [];
    private readonly HashSet<string> _keptTexts = new(StringComparer.Ordinal);
    private readonly List<string[]> _keptTokens = [];

    public DuplicateFilter(IEnumerable<string> seedQuestions, double threshold)
    {
        _threshold = threshold;
        foreach (var seed in seedQuestions)
        {
            _seedTexts.Add(TextNormalizer.Normalize(seed));
            _seedTokens.Add(RougeL.Tokens(seed));
        }
    }

    /// <summary>The drop reason for this question, or null after remembering it as kept.</summary>
    public string? Admit(string question)
    {
        var normalized = TextNormalizer.Normalize(question);
        if (_seedTexts.Contains(normalized)) return DropReasons.CopiedSeed;
        if (_keptTexts.Contains(normalized)) return DropReasons.Duplicate;
        var tokens = RougeL.Tokens(question);
        if (_seedTokens.Any(seed => RougeL.Score(tokens, seed) > _threshold)) return DropReasons.NearSeed;
        if (_keptTokens.Any(kept => RougeL.Score(tokens, kept) > _threshold)) return DropReasons.NearDuplicate;
        _keptTexts.Add(normalized);
        _keptTokens.Add(tokens);
        return null;
    }
}
