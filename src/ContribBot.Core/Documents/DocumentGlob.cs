using System.Text;
using System.Text.RegularExpressions;

namespace ContribBot.Core.Documents;

/// <summary>
/// The patterns of a document section, as the reference's glob reads them from the repository root: '*' and '?'
/// stay within a folder, '**' crosses folders, '[...]' is a character class.
/// </summary>
public static class DocumentGlob
{
    /// <summary>True when the pattern could name something outside the repository.</summary>
    public static bool Escapes(string pattern) =>
        pattern.StartsWith('/') || pattern.Contains('\\', StringComparison.Ordinal) || Path.IsPathRooted(pattern) ||
        pattern.Split('/').Any(part => part == "..");

    public static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                    regex.Append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0) goto default;
                    var body = pattern[(i + 1)..close];
                    regex.Append('[').Append(body.StartsWith('!') ? "^" + Regex.Escape(body[1..]) : Regex.Escape(body)).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
