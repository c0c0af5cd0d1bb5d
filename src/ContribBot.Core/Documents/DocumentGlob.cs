using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ContribBot.Core.Documents;

/// <summary>
/// One pattern of a document section, as the reference's glob reads it from the repository root: '*' and '?' stay
/// within a folder, '**' crosses folders, '[...]' is a character class ('[!...]' negated, ']' first is literal, an
/// unclosed '[' is literal). Patterns come from pull requests, so compiling never throws and matching is linear in the
/// path: the regex runs without backtracking, under a timeout the caller turns into a diagnostic.
/// </summary>
public sealed class DocumentGlob
{
    /// <summary>Longest pattern compiled; no real document pattern comes near it.</summary>
    public const int MaxPatternLength = 1_000;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly Regex _regex;

    private DocumentGlob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    /// <summary>True when the pattern could name something outside the repository.</summary>
    public static bool Escapes(string pattern) =>
        pattern.StartsWith('/') || pattern.Contains('\\', StringComparison.Ordinal) || Path.IsPathRooted(pattern) ||
        pattern.Split('/').Any(part => part == "..");

    /// <summary>The compiled pattern, or why it is not a pattern (never an exception).</summary>
    public static GlobCompilation Compile(string pattern)
    {
        if (pattern.Length > MaxPatternLength) return GlobCompilation.Refused($"it is {pattern.Length:N0} characters long; the limit is {MaxPatternLength:N0}");
        if (pattern.Any(char.IsControl)) return GlobCompilation.Refused("it holds a control character");

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
                    var parsed = CharacterClass(pattern, i);
                    if (parsed.Error is { } error) return GlobCompilation.Refused(error);
                    if (parsed.Regex is null) goto default; // no closing ']': a literal '['
                    regex.Append(parsed.Regex);
                    i = parsed.End;
                    break;
                default:
                    regex.Append(Literal(c));
                    break;
            }
        }

        try
        {
            var compiled = new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout);
            return new GlobCompilation(new DocumentGlob(pattern, compiled), null);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            // Not expected from the translation above; a pattern is still never a crash.
            return GlobCompilation.Refused(exception.Message);
        }
    }

    /// <exception cref="RegexMatchTimeoutException">Matching took longer than the timeout.</exception>
    public bool IsMatch(string path) => _regex.IsMatch(path);

    /// <summary>
    /// The class opening at <paramref name="open"/>: its regex and the index of its ']', or no regex when it is not
    /// closed, or why it is refused (a range that runs backwards, a class that would have to match '/').
    /// </summary>
    private static (string? Regex, int End, string? Error) CharacterClass(string pattern, int open)
    {
        var i = open + 1;
        var negated = i < pattern.Length && pattern[i] == '!';
        if (negated) i++;
        var first = i;
        // ']' right after '[' or '[!' is a member, so the class closes at the next ']' after it.
        var close = pattern.IndexOf(']', i < pattern.Length && pattern[i] == ']' ? i + 1 : i);
        if (close < 0) return (null, open, null);

        var members = new StringBuilder();
        for (var j = first; j < close; j++)
        {
            var low = pattern[j];
            if (j + 2 < close && pattern[j + 1] == '-')
            {
                var high = pattern[j + 2];
                if (high < low) return (null, open, $"the range '{low}-{high}' in '{pattern[open..(close + 1)]}' runs backwards");
                if (low <= '/' && '/' <= high && !negated) return (null, open, $"'{pattern[open..(close + 1)]}' would match '/', which separates folders");
                members.Append(Escaped(low)).Append('-').Append(Escaped(high));
                j += 2;
                continue;
            }

            if (low == '/' && !negated) return (null, open, $"'{pattern[open..(close + 1)]}' would match '/', which separates folders");
            members.Append(Escaped(low));
        }

        // A negated class never matches '/' either: '*' and '?' stay within a folder, so does '[!...]'.
        return (negated ? $"[^/{members}]" : $"[{members}]", close, null);
    }

    private static string Literal(char c) => Regex.Escape(c.ToString());

    // Inside a class every member is written as a code unit escape, so ']', '-', '^' and '\' are never syntax.
    private static string Escaped(char c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
