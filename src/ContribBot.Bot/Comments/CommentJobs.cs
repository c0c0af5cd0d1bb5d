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
        var outcome = CommentTriage.Of(comment, bot.Options.TrustedAssociations);
        if (outcome is CommentTriage.Nothing) return;
        var pull = comment.PullRequest;
        var installation = await bot.Tokens.ForRepositoryAsync(pull.Owner, pull.Name, pull.InstallationId, cancellationToken).ConfigureAwait(false);
        var client = installation.Client;
        pull = pull with { InstallationId = installation.InstallationId };
        if (outcome is CommentTriage.Ticked ticked)
        {
            await TickedReviewAsync(bot, client, pull, ticked, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (outcome is CommentTriage.Refused refused)
        {
            await ReplyAsync(bot, client, pull, refused.Reply, cancellationToken).ConfigureAwait(false);
            return;
        }

        var command = ((CommentTriage.Run)outcome).Command;
        var author = CommentTriage.MarkdownSafe(comment.Author);
        if (CommentTriage.Counts(command) &&
            !await bot.Records.TryTakeCommandAsync(pull.Subject, bot.Options.CommandsPerHour, TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false))
        {
            await ReplyAsync(bot, client, pull, CommentTriage.RateLimited(comment.Author, bot.Options.CommandsPerHour), cancellationToken).ConfigureAwait(false);
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
            await ReplyAsync(bot, client, pull, CommentTriage.NoPreview, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var unknown = review.Verdicts.Where(v => SampleIds.Find(preview, v.SampleId) is null).Select(v => v.SampleId).ToList();
        if (unknown.Count > 0)
        {
            await ReplyAsync(bot, client, pull, CommentTriage.UnknownSamples(unknown), cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Verdicts from the boxes an edit of our comment ticked. The payload carries the comment's author association
    /// (ours), not the editor's, so GitHub is asked for the editor's permission on the repository: write or more
    /// counts; anything else is ignored. Ids the stored preview does not have are ignored; the comment is then
    /// published again with the verdicts, which also puts back any other change made to it.
    /// </summary>
    private static async Task TickedReviewAsync(BotContext bot, IGitHubClient client, PullRequestAddress pull, CommentTriage.Ticked ticked, CancellationToken cancellationToken)
    {
        var permission = await bot.Retry.RunAsync("reading the reviewer's permission",
            () => client.Repository.Collaborator.ReviewPermission(pull.Owner, pull.Name, ticked.Editor), cancellationToken).ConfigureAwait(false);
        if (!CommentTriage.MayTick(permission.Permission))
        {
            BotLog.ReviewIgnored(bot.Logger, pull.Subject, ticked.Editor, permission.Permission);
            return;
        }

        if (!await bot.Records.TryTakeCommandAsync(pull.Subject, bot.Options.CommandsPerHour, TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false)) return;
        var stored = await bot.Records.ReportAsync(pull.Subject, cancellationToken).ConfigureAwait(false);
        var report = stored is { } found ? await ReportPublishing.ReadAsync(found.Report, cancellationToken).ConfigureAwait(false) : null;
        if (report?.Preview is not { } preview) return;
        var at = bot.Time.GetUtcNow();
        var known = ticked.Verdicts.Select(verdict => HumanReview.Verdict(preview, verdict.SampleId, verdict.Good, null, ticked.Editor, at, pull.Subject))
            .OfType<ReviewedSample>().ToList();
        if (known.Count == 0) return;
        foreach (var review in known) await bot.Records.SaveReviewAsync(pull.Subject, review, cancellationToken).ConfigureAwait(false);
        await ReportPublishing.PublishAsync(bot, bot.Publisher(client), pull, null, report, checkRun: false, cancellationToken).ConfigureAwait(false);
    }

    private static Task ReplyAsync(BotContext bot, IGitHubClient client, PullRequestAddress pull, string body, CancellationToken cancellationToken) =>
        bot.Retry.RunAsync("replying to the command", () => client.Issue.Comment.Create(pull.Owner, pull.Name, pull.Number, body), cancellationToken);
}
