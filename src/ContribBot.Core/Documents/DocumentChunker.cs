using ContribBot.Core.Text;

namespace ContribBot.Core.Documents;

/// <summary>
/// Splits knowledge documents into chunks of at most <c>maxTokens</c> teacher tokens, so one chunk plus the prompt
/// fits the teacher's context. Cuts fall on paragraph breaks where possible, then on line and sentence ends, and only
/// inside a sentence when a single sentence is longer than a chunk.
/// </summary>
public static class DocumentChunker
{
    public static IReadOnlyList<string> Chunk(IEnumerable<string> documents, int maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 16);
        var chunks = new List<string>();
        foreach (var document in documents)
        {
            var current = new System.Text.StringBuilder();
            var currentTokens = 0;
            foreach (var (piece, tokens) in Pieces(document.Replace("\r\n", "\n", StringComparison.Ordinal), Separators, maxTokens))
            {
                if (currentTokens > 0 && currentTokens + tokens > maxTokens)
                {
                    Flush(chunks, current);
                    currentTokens = 0;
                }

                current.Append(piece);
                currentTokens += tokens;
            }

            Flush(chunks, current);
        }

        return chunks;
    }

    private static void Flush(List<string> chunks, System.Text.StringBuilder current)
    {
        var text = current.ToString().Trim();
        if (text.Length > 0) chunks.Add(text);
        current.Clear();
    }

    /// <summary>Where a text too long for one chunk is cut, coarsest first: paragraphs, lines, sentences.</summary>
    private static readonly string[] Separators = ["\n\n", "\n", ". "];

    /// <summary>
    /// The text as pieces that fit, each with its token count (counted once): the whole text when it fits, else its
    /// parts at the coarsest separator, each split further only if it is still too long, and token slices last.
    /// </summary>
    private static IEnumerable<(string Text, int Tokens)> Pieces(string text, ReadOnlyMemory<string> separators, int maxTokens)
    {
        var tokens = TeacherTokenizer.Count(text);
        if (tokens <= maxTokens)
        {
            yield return (text, tokens);
            yield break;
        }

        if (separators.Length > 0)
        {
            foreach (var part in SplitKeeping(text, separators.Span[0]))
            {
                foreach (var piece in Pieces(part, separators[1..], maxTokens)) yield return piece;
            }

            yield break;
        }

        // One enormous sentence (a table row, minified text): cut by tokens, with a little room, because a slice
        // re-tokenised on its own (its leading space trimmed) can take a token or two more.
        var rest = text;
        while (rest.Length > 0)
        {
            var cut = TeacherTokenizer.Tokenizer.GetIndexByTokenCount(rest, Math.Max(1, maxTokens - 8), out _, out _);
            if (cut <= 0) cut = Math.Min(rest.Length, 1);
            var slice = rest[..cut];
            yield return (slice, TeacherTokenizer.Count(slice));
            rest = rest[cut..];
        }
    }

    private static IEnumerable<string> SplitKeeping(string text, string separator)
    {
        var start = 0;
        while (start < text.Length)
        {
            var at = text.IndexOf(separator, start, StringComparison.Ordinal);
            var end = at < 0 ? text.Length : at + separator.Length;
            yield return text[start..end];
            start = end;
        }
    }
}
