using ContribBot.Core.Text;

namespace ContribBot.Core.Validation;

/// <summary>Finds seed texts that repeat an earlier one once case, spacing and punctuation are ignored.</summary>
public static class SeedRepeats
{
    /// <summary>Each text that repeats an earlier one, with the first text it repeats.</summary>
    public static IEnumerable<(SeedText Repeat, SeedText First)> Find(IEnumerable<SeedText> texts)
    {
        var seen = new Dictionary<string, SeedText>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var key = TextNormalizer.Normalize(text.Text);
            if (key.Length == 0) continue;
            if (seen.TryGetValue(key, out var first)) yield return (text, first);
            else seen[key] = text;
        }
    }
}
