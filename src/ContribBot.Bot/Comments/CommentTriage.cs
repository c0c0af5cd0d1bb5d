using ContribBot.Bot.Events;
using ContribBot.Core.Reports.Preview;

namespace ContribBot.Bot.Comments;

/// <summary>
/// What a comment event asks of ContribBot, decided the same way for the App and for the Action's command workflow:
/// nothing (an ordinary comment, a bot's, an edit of a command), a polite refusal (a command from someone the
/// repository does not trust), a command to carry out, or review boxes ticked in our comment (whose editor's
/// permission the caller still has to look up: the payload does not say it).
/// </summary>
public static class CommentTriage
{
    public abstract record Outcome;

    public sealed record Nothing : Outcome;

    public sealed record Refused(string Reply) : Outcome;

    public sealed record Run(CommentCommand Command) : Outcome;

    public sealed record Ticked(IReadOnlyList<(string SampleId, bool Good)> Verdicts, string Editor) : Outcome;

    public static Outcome Of(PullRequestComment comment, IReadOnlySet<string> trusted)
    {
        // A review box ticked in our comment reaches us as an edit of that comment by the maintainer who ticked it;
        // our own re-publishing is an edit too, by a bot, and says nothing.
        if (comment.Edited && GitHub.StickyComment.IsOurs(comment.Body, comment.AuthorType))
        {
            if (IsBot(comment.SenderType) || comment.PreviousBody is null) return new Nothing();
            var ticked = ReviewCheckboxes.Ticked(comment.PreviousBody, comment.Body);
            return ticked.Count == 0 ? new Nothing() : new Ticked(ticked, comment.Sender);
        }

        // Our own comments, and other bots', are never commands (and a reply cannot start a loop). An edit of a
        // command comment is not a new command: it would run everything again.
        if (IsBot(comment.AuthorType) || comment.Edited || CommentCommand.Parse(comment.Body) is not { } command) return new Nothing();
        if (!trusted.Contains(comment.AuthorAssociation))
        {
            return new Refused($"Thank you, @{MarkdownSafe(comment.Author)}. ContribBot takes commands and sample reviews only from this repository's " +
                               $"{string.Join(", ", trusted.Select(a => a.ToLowerInvariant()).Order(StringComparer.Ordinal))}s, so this one was not run. " +
                               "A maintainer can run it for you.");
        }

        return new Run(command);
    }

    /// <summary>Whether a command counts against the pull request's hourly limit (help and mistakes do not).</summary>
    public static bool Counts(CommentCommand command) => command is not CommentCommand.Help and not CommentCommand.Unknown;

    public static string RateLimited(string author, int perHour) =>
        $"@{MarkdownSafe(author)}, this pull request has had {perHour} commands in the last hour, the most ContribBot takes; please try again later.";

    public static string UnknownSamples(IEnumerable<string> ids) =>
        $"The latest preview has no sample {string.Join(", ", ids.Select(id => $"`{id}`"))}; the ids are shown beside each sample in the ContribBot comment. Nothing was recorded.";

    public const string NoPreview = "There is no preview with samples on this pull request to review yet; ask for one with `/contribbot preview`.";

    /// <summary>Permissions whose holders may review samples by ticking boxes: those who can edit the bot's comment at all.</summary>
    public static bool MayTick(string permission) => permission is "admin" or "maintain" or "write";

    /// <summary>A GitHub login is letters, digits and hyphens (and [bot]); anything else is dropped before it goes into Markdown.</summary>
    public static string MarkdownSafe(string login) =>
        new(login.Take(60).Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '[' or ']').ToArray());

    private static bool IsBot(string type) => string.Equals(type, "Bot", StringComparison.OrdinalIgnoreCase);
}
