namespace ContribBot.Core.Validation.Lint;

/// <summary>Splits text into lines the way yamllint counts them (a final line break does not start a new line).</summary>
public static class SourceLines
{
    public static IEnumerable<SourceLine> Of(string text)
    {
        var number = 1;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            var hasCr = end > start && text[end - 1] == '\r';
            yield return new SourceLine(number, start, (hasCr ? end - 1 : end) - start, hasCr);
            number++;
            start = end + 1;
        }
    }
}
