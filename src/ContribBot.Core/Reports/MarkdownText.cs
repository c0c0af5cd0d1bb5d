using System.Text;

namespace ContribBot.Core.Reports;

/// <summary>
/// Makes untrusted text (contributed YAML, generated samples) inert in GitHub Markdown: no HTML, no links or images,
/// no @mentions or #references that notify people, no table or code-fence breakage. Every Markdown punctuation
/// character is backslash-escaped; '@' gets a zero-width space after it so GitHub does not see a mention.
/// </summary>
public static class MarkdownText
{
    private const string MarkdownPunctuation = "\\`*_{}[]()<>#+-.!|~=\"':&$^";

    /// <summary>
    /// Text as a code span that survives a table cell: no backticks (they would close it) or line breaks, and pipes
    /// escaped (GitHub splits cells on them even inside code).
    /// </summary>
    public static string TableCode(string text) =>
        "`" + Limits.ControlCharacters.Replace(text.Replace('`', '\'').Replace('\r', ' ').Replace('\n', ' ')).Replace("|", "\\|", StringComparison.Ordinal) + "`";

    /// <summary>
    /// Text inside an HTML element of ours (a &lt;summary&gt;): HTML-escaped, so it cannot close the element or open
    /// another, and on one line, since a blank line would end the HTML block and let Markdown in. Markdown punctuation
    /// becomes character references too, in case a renderer reads Markdown there anyway.
    /// </summary>
    public static string Html(string text)
    {
        var encoded = System.Net.WebUtility.HtmlEncode(Limits.ControlCharacters.Replace(text.Replace('\r', ' ').Replace('\n', ' ')));
        var builder = new StringBuilder(encoded.Length + 16);
        foreach (var c in encoded)
        {
            if (c is '@' or '[' or ']' or '(' or ')' or '*' or '~' or '`' or '!' or '#' or '|') builder.Append("&#").Append((int)c).Append(';');
            else builder.Append(c);
        }

        return builder.ToString();
    }

    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r':
                    break;
                case '\n':
                    builder.Append(' ');
                    break;
                case '@':
                    builder.Append("@\u200B");
                    break;
                default:
                    if (MarkdownPunctuation.Contains(c, StringComparison.Ordinal)) builder.Append('\\');
                    builder.Append(Limits.ControlCharacters.IsUnsafe(c) ? Limits.ControlCharacters.Shown : c);
                    break;
            }
        }

        return builder.ToString();
    }
}
