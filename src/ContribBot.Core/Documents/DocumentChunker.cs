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
                // A little room: the chunk is trimmed, and a first word without its leading space can take a token more.
                if (currentTokens > 0 && currentTokens + tokens > maxTokens - TrimRoom)
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

    private const int TrimRoom = 4;

    /// <summary>More characters than any one o200k token holds (its longest are far shorter).</summary>
    private const int LongestTokenLength = 256;

    private static void Flush(List<string> chunks, System.Text.StringBuilder current)
    {
        var text = current.ToString().Trim();
        if (text.Length > 0) chunks.Add(text);
        current.Clear();
    }

    /// <summary>Where a text too long for one chunk is cut, coarsest first: paragraphs, lines, sentences.</summary>
    private static readonly string[] Separators = ["\n\n", "\n", ". "];

    /// <summary>
    /// The text as pieces that fit, each with its token count: the whole text when it fits, else its parts at the
    /// coarsest separator, each split further only if it is still too long, and windows of the text last.
    /// </summary>
    /// <param name="knownTokens">The text's count when the caller has it (a text without the coarser separator is counted once).</param>
    private static IEnumerable<(string Text, int Tokens)> Pieces(string text, ReadOnlyMemory<string> separators, int maxTokens, int? knownTokens = null)
    {
        // A text longer than the budget could hold even in the longest tokens is over it: no need to count it whole.
        var tokens = knownTokens ?? (text.Length > (long)maxTokens * LongestTokenLength ? null : Count(text));
        if (tokens is { } fits && fits <= maxTokens)
        {
            yield return (text, fits);
            yield break;
        }

        if (separators.Length > 0 && !text.Contains(separators.Span[0], StringComparison.Ordinal))
        {
            foreach (var piece in Pieces(text, separators[1..], maxTokens, tokens)) yield return piece;
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

        // One enormous sentence (a table row, minified text, a language written without spaces): its windows, packed
        // again by the caller; a window that alone is over the budget is cut by tokens, with a little room, because a
        // slice re-tokenised on its own can take a token or two more.
        foreach (var window in Windows(text))
        {
            var windowTokens = TeacherTokenizer.Tokenizer.CountTokens(window.Span);
            if (windowTokens <= maxTokens)
            {
                yield return (window.ToString(), windowTokens);
                continue;
            }

            var rest = window;
            while (rest.Length > 0)
            {
                var cut = TeacherTokenizer.Tokenizer.GetIndexByTokenCount(rest.Span, Math.Max(1, maxTokens - 8), out _, out _);
                if (cut <= 0) cut = Math.Min(rest.Length, 1);
                var slice = rest[..cut].ToString();
                yield return (slice, TeacherTokenizer.Count(slice));
                rest = rest[cut..];
            }
        }
    }

    /// <summary>
    /// The most characters handed to the tokenizer at once. Its byte-pair merging is quadratic in the length of one
    /// pre-token, and text without spaces (Chinese, Japanese, minified data, one long word) is one pre-token however
    /// long it is. Windows keep every call small, so a document costs time linear in its length; 64 characters is
    /// longer than nearly every word, and the shorter the window the less each character costs on such text.
    /// </summary>
    private const int WindowLength = 64;

    /// <summary>Tokens of a text, counted window by window (exact where windows end before a space, as in prose).</summary>
    private static int Count(string text)
    {
        var total = 0;
        foreach (var window in Windows(text)) total += TeacherTokenizer.Tokenizer.CountTokens(window.Span);
        return total;
    }

    /// <summary>
    /// The text in consecutive windows of at most <see cref="WindowLength"/> characters, each ending just before a
    /// whitespace character when it has one (the tokenizer starts a new token there anyway, so counts stay exact),
    /// otherwise at the length, never between the two halves of a surrogate pair.
    /// </summary>
    private static IEnumerable<ReadOnlyMemory<char>> Windows(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(text.Length, start + WindowLength);
            if (end < text.Length)
            {
                var space = text.AsSpan(start + 1, end - start - 1).LastIndexOfAny(Whitespace);
                if (space >= 0) end = start + 1 + space;
                else if (char.IsHighSurrogate(text[end - 1])) end--;
            }

            yield return text.AsMemory(start, end - start);
            start = end;
        }
    }

    private static readonly System.Buffers.SearchValues<char> Whitespace = System.Buffers.SearchValues.Create(" \t\n\u00a0\u3000");

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
