using System.Runtime.InteropServices;

namespace ContribBot.Core.Generation.Filters;

/// <summary>
/// Drops generated samples that hold a test item: evaluation questions must not leak into training. As Cosmopedia
/// does it, candidates are found by shared word 10-grams, then each candidate test item is matched against the
/// sample word by word (the longest common subsequence), and the sample is dropped with reason
/// <see cref="DropReasons.Contaminated"/> when the match covers more than <see cref="MatchedShare"/> of the test
/// item. Test items shorter than ten words are found by a shared pair of adjacent words instead, and, since half of a
/// short question's words ("what is the … of the …") turn up in any text on its topic, need <see cref="ShortMatchedShare"/>
/// of their words in order within a span of twice their length.
/// </summary>
public sealed class Decontaminator
{
    public const int NGram = 10;
    public const double MatchedShare = 0.5;

    public const double ShortMatchedShare = 0.8;

    private readonly List<string[]> _items = [];
    private readonly Dictionary<ulong, List<int>> _grams = [];
    private readonly Dictionary<string, List<int>> _shortByPair = new(StringComparer.Ordinal);

    public Decontaminator(IEnumerable<string> testItems)
    {
        foreach (var item in testItems)
        {
            var words = Words(item);
            if (words.Length == 0) continue;
            var id = _items.Count;
            _items.Add(words);
            if (words.Length < NGram)
            {
                foreach (var pair in Pairs(words).Distinct())
                {
                    ref var items = ref CollectionsMarshal.GetValueRefOrAddDefault(_shortByPair, pair, out _);
                    (items ??= []).Add(id);
                }

                continue;
            }

            foreach (var gram in Grams(words).Distinct())
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_grams, gram, out _);
                (list ??= []).Add(id);
            }
        }
    }

    /// <summary>Test items indexed.</summary>
    public int Items => _items.Count;

    /// <summary>The samples with the contaminated ones dropped; the same list when none is.</summary>
    public IReadOnlyList<Sample> Apply(IReadOnlyList<Sample> samples)
    {
        Sample[]? changed = null;
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            if (!sample.Kept || !Contaminated(Written(sample))) continue;
            changed ??= [.. samples];
            changed[i] = sample with { Kept = false, DropReason = DropReasons.Contaminated };
        }

        return changed ?? samples;
    }

    public bool Contaminated(string text)
    {
        var words = Words(text);
        var candidates = new HashSet<int>();
        if (words.Length >= NGram)
        {
            foreach (var gram in Grams(words)) if (_grams.TryGetValue(gram, out var ids)) candidates.UnionWith(ids);
        }

        // Short items have no 10-gram: those sharing a pair of adjacent words with the text are compared whole.
        foreach (var pair in Pairs(words).Distinct()) if (_shortByPair.TryGetValue(pair, out var ids)) candidates.UnionWith(ids);
        return candidates.Any(id => _items[id] is var item && (item.Length >= NGram
            ? Matched(item, words) > MatchedShare * item.Length
            : MatchedNearby(item, words) >= ShortMatchedShare * item.Length));
    }

    /// <summary>The most words of a short item found in order within any span of twice its length.</summary>
    private static int MatchedNearby(string[] item, string[] text)
    {
        var span = Math.Min(text.Length, 2 * item.Length);
        var best = 0;
        for (var start = 0; start + span <= text.Length && best < item.Length; start++) best = Math.Max(best, Matched(item, text.AsSpan(start, span)));
        return best;
    }

    /// <summary>Words of the item found in the text in the same order (longest common subsequence), in O(item × text) time and O(text) memory.</summary>
    private static int Matched(string[] item, ReadOnlySpan<string> text)
    {
        var previous = new int[text.Length + 1];
        var current = new int[text.Length + 1];
        foreach (var word in item)
        {
            for (var j = 1; j <= text.Length; j++)
            {
                current[j] = string.Equals(word, text[j - 1], StringComparison.Ordinal) ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[text.Length];
    }

    /// <summary>Adjacent word pairs (a one-word item is its word).</summary>
    private static IEnumerable<string> Pairs(string[] words) =>
        words.Length == 1 ? words : Enumerable.Range(0, words.Length - 1).Select(i => words[i] + " " + words[i + 1]);

    private static IEnumerable<ulong> Grams(string[] words)
    {
        for (var start = 0; start + NGram <= words.Length; start++)
        {
            var hash = 14695981039346656037UL;
            for (var w = start; w < start + NGram; w++)
            {
                foreach (var c in words[w]) hash = (hash ^ c) * 1099511628211UL;
                hash = (hash ^ ' ') * 1099511628211UL;
            }

            yield return hash;
        }
    }

    private static string[] Words(string text) => Text.TextNormalizer.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// What the models wrote: a knowledge sample's passage is a chunk of the leaf's document (the material knowledge is
    /// taught from), so only its question and answer are checked; a grounded skill's passage was written by the teacher.
    /// </summary>
    private static string Written(Sample sample) =>
        sample.Provenance.Chunk is null ? $"{sample.Context}\n{sample.Question}\n{sample.Answer}" : $"{sample.Question}\n{sample.Answer}";
}
