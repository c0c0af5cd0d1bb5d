using ContribBot.Bot.Events;
using ContribBot.Core.Configuration;
using ContribBot.Core.Reports.Preview;
using ContribBot.GitHub;

namespace ContribBot.Bot.Work;

/// <summary>
/// Publishes a pull request's report (made by this service, from git objects) with the maintainers' verdicts on its
/// samples: the check run and the one comment, or only the comment when a review changed.
/// </summary>
public static class ReportPublishing
{
    /// <summary>A stored report.json read back (the same bounded reader as for a workflow's report folder).</summary>
    public static async Task<PublishedReport> ReadAsync(byte[] reportJson, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(reportJson, writable: false);
        return await ReportJsonReader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<PublishOutcome> PublishAsync(
        BotContext bot, PullRequestPublisher publisher, PullRequestAddress pull, string? headSha, PublishedReport report, bool checkRun, CancellationToken cancellationToken)
    {
        var reviews = await bot.Records.ReviewsAsync(pull.Subject, cancellationToken).ConfigureAwait(false);
        report = report with
        {
            Context = report.Context with { CatalogUrl = DocsLocation.From(bot.Options.Environment) },
            Review = report.Preview is null ? null : new HumanReview(reviews),
        };
        return await publisher.PublishAsync(new GitHubTarget(pull.Owner, pull.Name, pull.Number), report,
            new PublishOptions { CheckRun = checkRun, Comment = true, HeadSha = headSha }, cancellationToken).ConfigureAwait(false);
    }
}
