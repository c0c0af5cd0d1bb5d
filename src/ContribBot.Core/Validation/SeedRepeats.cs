using ContribBot.Core.Text;

namespace ContribBot.Core.Validation;

/// <summary>Finds seed texts that repeat an earlier one once case, spacing and punctuation are ignored.</summary>
public static class SeedRepeats
{
    /// <summary>
    /// Each text that repeats an earlier one, with the first text it repeats. With <paramref name="scope"/>, only
    /// texts of the same scope (e.g. asked over the same context) count as repeats.
    /// </summary>
    public static IEnumerable<(SeedText Repeat, SeedText First)> Find(IEnumerable<SeedText> texts, Func<SeedText, string>? scope = null)
    {
        var seen = new Dictionary<string, SeedText>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var normalized = TextNormalizer.Normalize(text.Text);
            if (normalized.Length == 0) continue;
            var key = scope is null ? normalized : normalized + "\u0000" + scope(text);
            if (seen.TryGetValue(key, out var first)) yield return (text, first);
            else seen[key] = text;
        }
    }
}
