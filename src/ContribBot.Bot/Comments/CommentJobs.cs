using ContribBot.Bot.Events;
using ContribBot.Bot.Operations;
using ContribBot.Bot.Storage;
using ContribBot.Bot.Work;
using ContribBot.Core.Quality.Review;
using ContribBot.Core.Reports.Preview;
using Octokit;

namespace ContribBot.Bot.Comments;

/// <summary>
/// Carries out a comment command. Only comments from the repository's trusted associations (owners, members,
/// collaborators by default) are honoured; anyone else gets one polite reply and nothing else happens. Each pull
/// request takes a bounded number of commands per hour. An accepted command gets a reaction on its comment.
/// </summary>
public static class CommentJobs
{
    public static async Task RunAsync(BotContext bot, PullRequestComment comment, CancellationToken cancellationToken)
    {
        // A review box ticked in our comment reaches us as an edit of that comment by the maintainer who ticked it.
        if (comment.Edited && GitHub.StickyComment.IsOurs(comment.Body, comment.AuthorType))
        {
            await TickedReviewAsync(bot, comment, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Our own comments, and other bots', are never commands (and a reply cannot start a loop).
        if (string.Equals(comment.AuthorType, "Bot", StringComparison.OrdinalIgnoreCase)) return;
        // An edit of a command comment is not a new command: it would run everything again.
        if (comment.Edited || CommentCommand.Parse(comment.Body) is not { } command) return;

        var pull = comment.PullRequest;
        var installation = await bot.Tokens.ForRepositoryAsync(pull.Owner, pull.Name, pull.InstallationId, cancellationToken).ConfigureAwait(false);
        var client = installation.Client;
        pull = pull with { InstallationId = installation.InstallationId };
        var author = MarkdownSafe(comment.Author);
        if (!bot.Options.TrustedAssociations.Contains(comment.AuthorAssociation))
        {
            await ReplyAsync(bot, client, pull,
                $"Thank you, @{author}. ContribBot takes commands and sample reviews only from this repository's " +
                $"{string.Join(", ", bot.Options.TrustedAssociations.Select(a => a.ToLowerInvariant()).Order(StringComparer.Ordinal))}s, so this one was not run. " +
                "A maintainer can run it for you.", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (command is not CommentCommand.Help and not CommentCommand.Unknown &&
            !await bot.Records.TryTakeCommandAsync(pull.Subject, bot.Options.CommandsPerHour, TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false))
        {
            await ReplyAsync(bot, client, pull, $"@{author}, this pull request has had {bot.Options.CommandsPerHour} commands in the last hour, the most ContribBot takes; " +
                                                "please try again later.", cancellationToken).ConfigureAwait(false);
            return;
        }

        switch (command)
        {
            case CommentCommand.Help:
                await ReplyAsync(bot, client, pull, CommentCommand.HelpText, cancellationToken).ConfigureAwait(false);
                break;
            case CommentCommand.Unknown unknown:
                await ReplyAsync(bot, client, pull, $"@{author}, {unknown.Problem}.\n\n{CommentCommand.HelpText}", cancellationToken).ConfigureAwait(false);
                return;
            case CommentCommand.Validate:
                await PullRequestHeads.QueuePreviewAsync(bot, await PullRequestHeads.CurrentAsync(bot, pull, cancellationToken).ConfigureAwait(false), null,
                    $"/contribbot validate from {comment.Author}", cancellationToken, dryRun: true).ConfigureAwait(false);
                break;
            case CommentCommand.Preview preview:
                await PullRequestHeads.QueuePreviewAsync(bot, await PullRequestHeads.CurrentAsync(bot, pull, cancellationToken).ConfigureAwait(false), preview.Samples,
                    $"/contribbot preview from {comment.Author}", cancellationToken).ConfigureAwait(false);
                break;
            case CommentCommand.Review review:
                if (!await ReviewAsync(bot, client, pull, comment, review, cancellationToken).ConfigureAwait(false)) return;
                break;
        }

        await bot.Retry.RunAsync("reacting to the command", () => client.Reaction.IssueComment.Create(pull.Owner, pull.Name, comment.CommentId, new NewReaction(ReactionType.Plus1)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores the verdicts on samples of the pull request's latest preview (who and when), then shows them in the
    /// comment. Ids the preview does not have are named in a reply and nothing is stored.
    /// </summary>
    private static async Task<bool> ReviewAsync(
        BotContext bot, IGitHubClient client, PullRequestAddress pull, PullRequestComment comment, CommentCommand.Review review, CancellationToken cancellationToken)
    {
        var stored = await bot.Records.ReportAsync(pull.Subject, cancellationToken).ConfigureAwait(false);
        var report = stored is { } found ? await ReportPublishing.ReadAsync(found.Report, cancellationToken).ConfigureAwait(false) : null;
        if (report?.Preview is not { } preview)
        {
            await ReplyAsync(bot, client, pull, "There is no preview with samples on this pull request to review yet; ask for one with `/contribbot preview`.", cancellationToken)
                .ConfigureAwait(false);
            return false;
        }

        var unknown = review.Verdicts.Where(v => SampleIds.Find(preview, v.SampleId) is null).Select(v => v.SampleId).ToList();
        if (unknown.Count > 0)
        {
            await ReplyAsync(bot, client, pull, $"The latest preview has no sample {string.Join(", ", unknown.Select(id => $"`{id}`"))}; the ids are shown beside each sample " +
                                                "in the ContribBot comment. Nothing was recorded.", cancellationToken).ConfigureAwait(false);
            return false;
        }

        var at = bot.Time.GetUtcNow();
        foreach (var (id, good) in review.Verdicts)
        {
            await bot.Records.SaveReviewAsync(pull.Subject, HumanReview.Verdict(preview, id, good, review.Reason, comment.Author, at, pull.Subject)!, cancellationToken)
                .ConfigureAwait(false);
        }

        // The comment only: the check run's verdict is the validation's, which a review does not change.
        await ReportPublishing.PublishAsync(bot, bot.Publisher(client), pull, null, report, checkRun: false, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Permissions whose holders may review samples by ticking boxes: those who can edit the bot's comment at all.</summary>
    private static readonly HashSet<string> ReviewPermissions = new(["admin", "maintain", "write"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Verdicts from the boxes an edit of our comment ticked. The payload carries the comment's author association
    /// (ours), not the editor's, so GitHub is asked for the editor's permission on the repository: write or more
    /// counts; anything else (and any bot, our own re-publishing included) is ignored. Ids the stored preview does not
    /// have are ignored; the comment is then published again with the verdicts, which also puts back any other change.
    /// </summary>
    private static async Task TickedReviewAsync(BotContext bot, PullRequestComment comment, CancellationToken cancellationToken)
    {
        if (string.Equals(comment.SenderType, "Bot", StringComparison.OrdinalIgnoreCase) || comment.PreviousBody is null) return;
        var ticked = ReviewCheckboxes.Ticked(comment.PreviousBody, comment.Body);
        if (ticked.Count == 0) return;

        var pull = comment.PullRequest;
        var installation = await bot.Tokens.ForRepositoryAsync(pull.Owner, pull.Name, pull.InstallationId, cancellationToken).ConfigureAwait(false);
        var client = installation.Client;
        pull = pull with { InstallationId = installation.InstallationId };
        var permission = await bot.Retry.RunAsync("reading the reviewer's permission",
            () => client.Repository.Collaborator.ReviewPermission(pull.Owner, pull.Name, comment.Sender), cancellationToken).ConfigureAwait(false);
        if (!ReviewPermissions.Contains(permission.Permission))
        {
            BotLog.ReviewIgnored(bot.Logger, pull.Subject, comment.Sender, permission.Permission);
            return;
        }

        if (!await bot.Records.TryTakeCommandAsync(pull.Subject, bot.Options.CommandsPerHour, TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false)) return;
        var stored = await bot.Records.ReportAsync(pull.Subject, cancellationToken).ConfigureAwait(false);
        var report = stored is { } found ? await ReportPublishing.ReadAsync(found.Report, cancellationToken).ConfigureAwait(false) : null;
        if (report?.Preview is not { } preview) return;
        var at = bot.Time.GetUtcNow();
        var known = ticked.Select(verdict => HumanReview.Verdict(preview, verdict.SampleId, verdict.Good, null, comment.Sender, at, pull.Subject)).OfType<ReviewedSample>().ToList();
        if (known.Count == 0) return;
        foreach (var review in known) await bot.Records.SaveReviewAsync(pull.Subject, review, cancellationToken).ConfigureAwait(false);

        await ReportPublishing.PublishAsync(bot, bot.Publisher(client), pull, null, report, checkRun: false, cancellationToken).ConfigureAwait(false);
    }

    private static Task ReplyAsync(BotContext bot, IGitHubClient client, PullRequestAddress pull, string body, CancellationToken cancellationToken) =>
        bot.Retry.RunAsync("replying to the command", () => client.Issue.Comment.Create(pull.Owner, pull.Name, pull.Number, body), cancellationToken);

    /// <summary>A GitHub login is letters, digits and hyphens (and [bot]); anything else is dropped before it goes into Markdown.</summary>
    private static string MarkdownSafe(string login) =>
        new(login.Take(60).Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '[' or ']').ToArray());
}
