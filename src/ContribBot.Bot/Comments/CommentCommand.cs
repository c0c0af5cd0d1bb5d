using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ContribBot.Bot.Comments;

/// <summary>What a maintainer asked for in a comment: <c>/contribbot help|validate|preview [--samples N]|review …</c>.</summary>
public abstract partial record CommentCommand
{
    public const string Prefix = "/contribbot";

    /// <summary>Most verdicts one review comment may carry.</summary>
    public const int MaxVerdicts = 100;

    public sealed record Help : CommentCommand;

    public sealed record Validate : CommentCommand;

    public sealed record Preview(int? Samples) : CommentCommand;

    public sealed record Review(IReadOnlyList<(string SampleId, bool Good)> Verdicts, string? Reason) : CommentCommand;

    /// <summary>A line starting with the prefix that is not a command we know; <see cref="Problem"/> says what is wrong.</summary>
    public sealed record Unknown(string Problem) : CommentCommand;

    /// <summary>
    /// The command on the first line of <paramref name="body"/> that starts with <see cref="Prefix"/>, or null when
    /// there is none (an ordinary comment). Quoted text (lines starting with '&gt;') is not a command.
    /// </summary>
    public static CommentCommand? Parse(string body)
    {
        // Bounded: a comment is at most 65,536 characters, and only the first command line is read.
        var line = body.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) &&
                                                                              (l.Length == Prefix.Length || char.IsWhiteSpace(l[Prefix.Length])));
        if (line is null) return null;
        var words = Words(line[Prefix.Length..]);
        if (words.Count == 0) return new Help();
        var rest = words.Skip(1).ToList();
        return words[0].ToLowerInvariant() switch
        {
            "help" => new Help(),
            "validate" => rest.Count == 0 ? new Validate() : new Unknown("`validate` takes no options"),
            "preview" => ParsePreview(rest),
            "review" => ParseReview(rest),
            _ => new Unknown($"`{Printable(words[0])}` is not a command"),
        };
    }

    public static string HelpText =>
        """
        **ContribBot commands** (from the repository's owners, members and collaborators):

        | Command | What it does |
        | --- | --- |
        | `/contribbot help` | This list. |
        | `/contribbot validate` | Check the pull request's head commit again (no samples generated). |
        | `/contribbot preview [--samples N]` | Check again and preview N synthetic samples per leaf (1–100). |
        | `/contribbot review s3:bad s5:good "reason"` | Mark samples of the preview comment good or bad; the comment shows the verdicts and the critic's agreement. |
        """;

    private static CommentCommand ParsePreview(List<string> rest)
    {
        if (rest.Count == 0) return new Preview(null);
        if (rest is ["--samples", var value] &&
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var samples) && samples is >= 1 and <= 100)
        {
            return new Preview(samples);
        }

        return new Unknown("`preview` takes `--samples N` with N from 1 to 100");
    }

    private static CommentCommand ParseReview(List<string> rest)
    {
        var verdicts = new List<(string, bool)>();
        string? reason = null;
        foreach (var word in rest)
        {
            if (VerdictShape().Match(word) is { Success: true } match)
            {
                verdicts.Add((match.Groups[1].Value.ToLowerInvariant(), match.Groups[2].Value.Equals("good", StringComparison.OrdinalIgnoreCase)));
            }
            else if (reason is null && verdicts.Count > 0)
            {
                reason = word;
            }
            else
            {
                return new Unknown($"`{Printable(word)}` is not a verdict; write `s3:good` or `s3:bad` (ids are shown beside each sample), then an optional \"reason\"");
            }
        }

        if (verdicts.Count == 0) return new Unknown("`review` needs at least one verdict, such as `s3:bad`");
        return verdicts.Count > MaxVerdicts ? new Unknown($"at most {MaxVerdicts} verdicts per comment") : new Review(verdicts, reason);
    }

    /// <summary>Words separated by spaces; a "quoted phrase" is one word (a reason).</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in text.Trim())
        {
            if (c is '"' or '\u201C' or '\u201D')
            {
                quoted = !quoted;
                if (!quoted) Flush();
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                Flush();
            }
            else
            {
                current.Append(c);
            }
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0) words.Add(current.ToString());
            current.Clear();
        }
    }

    /// <summary>A word of the comment safe to put back in a reply: short, no backticks or control characters.</summary>
    private static string Printable(string word) =>
        new(word.Take(40).Select(c => char.IsControl(c) || c == '`' ? '?' : c).ToArray());

    [GeneratedRegex(@"^(s[0-9]{1,6}):(good|bad)$", RegexOptions.IgnoreCase)]
    private static partial Regex VerdictShape();
}
