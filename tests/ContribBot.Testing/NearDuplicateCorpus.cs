using ContribBot.Core.Text.NearDuplicates;

namespace ContribBot.Testing;

/// <summary>
/// Rows for measuring near-duplicate detection: 40–120 words from a 4,000-word vocabulary; about a third are edited
/// copies of a recent row (none to six words replaced, inserted or deleted: each edit breaks the five shingles over
/// it), so similarities spread across the usual thresholds. Streams any number of rows in bounded memory (copies come
/// from the last <see cref="Window"/> rows); the same seed gives the same rows.
/// </summary>
public sealed class NearDuplicateCorpus(int seed)
{
    public const int Window = 10_000;

    private readonly Random _random = new(seed);
    private readonly string[] _vocabulary = Enumerable.Range(0, 4_000).Select(i => $"w{i}x{(char)('a' + (i % 26))}").ToArray();
    private readonly List<string>[] _recent = new List<string>[Window];
    private long _made;

    public string Next()
    {
        List<string> words;
        if (_made > 0 && _random.NextDouble() < 0.34)
        {
            words = new List<string>(_recent[_random.NextInt64(Math.Min(_made, Window))]);
            var edits = _random.Next(0, 7);
            for (var e = 0; e < edits; e++)
            {
                var at = _random.Next(words.Count);
                switch (_random.Next(3))
                {
                    case 0: words[at] = Word(); break;
                    case 1: words.Insert(at, Word()); break;
                    default: if (words.Count > 10) words.RemoveAt(at); break;
                }
            }
        }
        else
        {
            words = Enumerable.Range(0, _random.Next(40, 121)).Select(_ => Word()).ToList();
        }

        _recent[_made++ % Window] = words;
        return string.Join(' ', words);
    }

    public List<string> Take(int count) => Enumerable.Range(0, count).Select(_ => Next()).ToList();

    /// <summary>
    /// The exact answer for the greedy rule the index follows: a row is a duplicate when a kept row before it has a
    /// Jaccard similarity at or above <paramref name="threshold"/>; every kept row sharing a shingle is compared.
    /// </summary>
    public static HashSet<int> ExactDuplicates(IReadOnlyList<uint[]> shingles, double threshold)
    {
        var postings = new Dictionary<uint, List<int>>();
        var duplicates = new HashSet<int>();
        for (var i = 0; i < shingles.Count; i++)
        {
            var candidates = shingles[i].SelectMany(s => postings.TryGetValue(s, out var kept) ? kept : []).Distinct();
            if (candidates.Any(k => Shingles.Jaccard(shingles[i], shingles[k]) >= threshold))
            {
                duplicates.Add(i);
                continue;
            }

            foreach (var s in shingles[i])
            {
                if (!postings.TryGetValue(s, out var kept)) postings[s] = kept = [];
                kept.Add(i);
            }
        }

        return duplicates;
    }

    private string Word() => _vocabulary[_random.Next(_vocabulary.Length)];
}
