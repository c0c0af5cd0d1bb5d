namespace ContribBot.GitHub;

/// <summary>Cuts a Markdown report to a size limit at a section boundary, so no table, fence or &lt;details&gt; is left open.</summary>
public static class MarkdownFit
{
    /// <param name="note">Appended after the cut (what was cut and where the rest is); counted within the limit.</param>
    public static string Cut(string markdown, int maxLength, string note)
    {
        if (markdown.Length <= maxLength) return markdown;
        var room = Math.Max(0, maxLength - note.Length);
        var cut = markdown[..Math.Min(room, markdown.Length)];
        var boundary = new[]
        {
            cut.LastIndexOf("\n<details>", StringComparison.Ordinal),
            cut.LastIndexOf("\n#### ", StringComparison.Ordinal),
            cut.LastIndexOf("\n### ", StringComparison.Ordinal),
        }.Max();
        if (boundary <= 0) boundary = Math.Max(0, cut.LastIndexOf('\n'));
        return markdown[..boundary] + note;
    }
}
