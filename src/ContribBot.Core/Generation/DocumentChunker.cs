namespace ContribBot.Core.Generation;

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
            foreach (var piece in Pieces(document.Replace("\r\n", "\n", StringComparison.Ordinal), maxTokens))
            {
                var tokens = TeacherTokenizer.Count(piece);
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

    /// <summary>Paragraphs (with their trailing blank line) that fit; longer ones split into lines, sentences, then token slices.</summary>
    private static IEnumerable<string> Pieces(string text, int maxTokens)
    {
        foreach (var paragraph in SplitKeeping(text, "\n\n"))
        {
            if (TeacherTokenizer.Count(paragraph) <= maxTokens)
            {
                yield return paragraph;
                continue;
            }

            foreach (var line in SplitKeeping(paragraph, "\n"))
            {
                foreach (var sentence in TeacherTokenizer.Count(line) <= maxTokens ? [line] : SplitKeeping(line, ". "))
                {
                    if (TeacherTokenizer.Count(sentence) <= maxTokens)
                    {
                        yield return sentence;
                        continue;
                    }

                    // One enormous sentence (a table row, minified text): cut by tokens, with a little room, because a
                    // slice re-tokenised on its own (its leading space trimmed) can take a token or two more.
                    var tokenizer = TeacherTokenizer.Tokenizer;
                    var rest = sentence;
                    while (rest.Length > 0)
                    {
                        var cut = tokenizer.GetIndexByTokenCount(rest, Math.Max(1, maxTokens - 8), out _, out _);
                        if (cut <= 0) cut = Math.Min(rest.Length, 1);
                        yield return rest[..cut];
                        rest = rest[cut..];
                    }
                }
            }
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
