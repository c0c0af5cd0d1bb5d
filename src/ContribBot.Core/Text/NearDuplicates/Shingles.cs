using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace ContribBot.Core.Text.NearDuplicates;

/// <summary>
/// A text as its set of word shingles (every run of <see cref="Words"/> consecutive words, lower-cased, punctuation
/// ignored), each hashed to 32 bits, sorted and distinct: the set whose Jaccard similarity says how alike two texts
/// are. A text shorter than a shingle is one shingle of all its words.
/// </summary>
public static class Shingles
{
    public const int Words = 5;

    public static uint[] Of(string text, int words = Words)
    {
        var tokens = new List<ulong>(64);
        Span<char> lower = stackalloc char[64];
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord)
            {
                if (start < 0) start = i;
                continue;
            }

            if (start < 0) continue;
            tokens.Add(HashWord(text.AsSpan(start, i - start), lower));
            start = -1;
        }

        if (tokens.Count == 0) return [];
        var count = Math.Max(1, tokens.Count - words + 1);
        var shingles = new uint[count];
        for (var s = 0; s < count; s++)
        {
            // Order matters within a shingle: each word's hash is mixed in turn.
            ulong h = 0x9E3779B97F4A7C15;
            for (var w = s; w < Math.Min(tokens.Count, s + words); w++) h = Mix(h ^ tokens[w]);
            shingles[s] = (uint)(h ^ (h >> 32));
        }

        Array.Sort(shingles);
        var distinct = 1;
        for (var i = 1; i < shingles.Length; i++) if (shingles[i] != shingles[distinct - 1]) shingles[distinct++] = shingles[i];
        return distinct == shingles.Length ? shingles : shingles[..distinct];
    }

    /// <summary>|A ∩ B| / |A ∪ B| of two sorted, distinct shingle sets (1 for two empty ones).</summary>
    public static double Jaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length == 0 && b.Length == 0) return 1;
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared / (double)(a.Length + b.Length - shared);
    }

    private static ulong HashWord(ReadOnlySpan<char> word, Span<char> buffer)
    {
        if (word.Length > buffer.Length) return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(word.ToString().ToLowerInvariant().AsSpan()));
        var lower = buffer[..word.Length];
        word.ToLowerInvariant(lower);
        return XxHash3.HashToUInt64(MemoryMarshal.AsBytes((ReadOnlySpan<char>)lower));
    }

    /// <summary>A 64-bit finaliser (splitmix64's): every input bit affects every output bit.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
