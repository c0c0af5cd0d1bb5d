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
        "`" + text.Replace('`', '\'').Replace('\r', ' ').Replace('\n', ' ').Replace("|", "\\|", StringComparison.Ordinal) + "`";

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
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
