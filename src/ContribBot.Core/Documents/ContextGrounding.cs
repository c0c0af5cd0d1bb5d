namespace ContribBot.Core.Documents;

/// <summary>
/// How much of a seed example's <c>context</c> appears in the knowledge document: the share of the context's
/// four-word phrases that the document also contains, after both are reduced to lower-case words (so Markdown
/// markup, punctuation, line wrapping and small edits do not matter). A context pasted from the document scores near
/// 1; one written from memory or taken from elsewhere scores near 0, and the teacher, which generates from the
/// document's chunks, would ground its questions on text the seed never saw.
/// </summary>
public sealed class ContextGrounding
{
    private const int PhraseLength = 4;
    private readonly HashSet<string> _documentPhrases = new(StringComparer.Ordinal);
    private readonly string _documentWords;

    public ContextGrounding(IEnumerable<string> documents)
    {
        var words = new List<string>();
        foreach (var document in documents)
        {
            var documentWords = Words(document);
            words.AddRange(documentWords);
            foreach (var phrase in Phrases(documentWords)) _documentPhrases.Add(phrase);
        }

        _documentWords = " " + string.Join(' ', words) + " ";
    }

    /// <summary>Share (0 to 1) of the context found in the documents.</summary>
    public double Score(string context)
    {
        var words = Words(context);
        if (words.Count == 0) return 1;
        if (words.Count < PhraseLength) return _documentWords.Contains(" " + string.Join(' ', words) + " ", StringComparison.Ordinal) ? 1 : 0;
        var phrases = Phrases(words).ToList();
        return phrases.Count(_documentPhrases.Contains) / (double)phrases.Count;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }

    private static IEnumerable<string> Phrases(List<string> words)
    {
        for (var i = 0; i + PhraseLength <= words.Count; i++) yield return string.Join(' ', words.GetRange(i, PhraseLength));
    }
}
