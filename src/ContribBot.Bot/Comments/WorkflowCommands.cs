using ContribBot.Bot.Events;
using ContribBot.Core.Configuration;
using ContribBot.Core.Quality.Review;
using ContribBot.Core.Reports.Preview;
using ContribBot.Core.Runs.Checking;
using ContribBot.Core.Runs.Preview;
using ContribBot.GitHub;
using Octokit;

namespace ContribBot.Bot.Comments;

/// <summary>
/// The comment commands and sample reviews of the App, carried out in an <c>issue_comment</c> workflow for
/// repositories that use the Action (<c>contribbot command</c>). It runs in the base repository's trusted context:
/// the taxonomy is a checkout of the default branch into which the pull request's head commit was fetched (never
/// checked out, nothing of it run), the verdict is computed here from git objects, and the settings are the
/// checkout's. With no database, the comment is the store: the verdicts it carries are read back and added to.
/// </summary>
public sealed class WorkflowCommands(IGitHubClient client, GitHubRetry retry, TimeProvider time, TextWriter log)
{
    private readonly PullRequestPublisher _publisher = new(client, retry);

    /// <summary>Carries out the comment event in <paramref name="payload"/>; returns what was done, in a line.</summary>
    /// <exception cref="BotEventException">The payload is not an issue_comment event.</exception>
    public async Task<string> RunAsync(byte[] payload, WorkflowCommandSettings settings, CancellationToken cancellationToken)
    {
        if (BotEvents.Read("issue_comment", payload) is not Octokit.Webhooks.Events.IssueCommentEvent @event) throw new BotEventException("the event is not an issue_comment event");
        if (BotEvents.Comment(@event) is not { } comment) return "Not a comment on a pull request: nothing to do.";
        var pull = comment.PullRequest;
        var target = new GitHubTarget(pull.Owner, pull.Name, pull.Number);
        switch (CommentTriage.Of(comment, settings.Trusted))
        {
            case CommentTriage.Nothing:
                return "No command in the comment: nothing to do.";
            case CommentTriage.Refused refused:
                await ReplyAsync(target, refused.Reply, cancellationToken).ConfigureAwait(false);
                return $"Not run: {comment.Author} ({comment.AuthorAssociation}) is not trusted; replied.";
            case CommentTriage.Ticked ticked:
                var permission = await retry.RunAsync("reading the reviewer's permission",
                    () => client.Repository.Collaborator.ReviewPermission(pull.Owner, pull.Name, ticked.Editor), cancellationToken).ConfigureAwait(false);
                if (!CommentTriage.MayTick(permission.Permission)) return $"Review boxes ticked by {ticked.Editor} ignored: their permission is {permission.Permission}.";
                return await ReviewAsync(target, ticked.Verdicts, null, ticked.Editor, settings, reply: false, cancellationToken).ConfigureAwait(false);
            case CommentTriage.Run { Command: var command }:
                if (CommentTriage.Counts(command) && await CommandsInLastHourAsync(target, settings, cancellationToken).ConfigureAwait(false) > settings.CommandsPerHour)
                {
                    await ReplyAsync(target, CommentTriage.RateLimited(comment.Author, settings.CommandsPerHour), cancellationToken).ConfigureAwait(false);
                    return "Not run: the pull request had too many commands in the last hour; replied.";
                }

                var done = await RunCommandAsync(target, comment, command, settings, cancellationToken).ConfigureAwait(false);
                if (done.Accepted)
                {
                    await retry.RunAsync("reacting to the command",
                        () => client.Reaction.IssueComment.Create(pull.Owner, pull.Name, comment.CommentId, new NewReaction(ReactionType.Plus1)), cancellationToken).ConfigureAwait(false);
                }

                return done.What;
            default:
                return "Nothing to do.";
        }
    }

    private async Task<(bool Accepted, string What)> RunCommandAsync(
        GitHubTarget target, PullRequestComment comment, CommentCommand command, WorkflowCommandSettings settings, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case CommentCommand.Help:
                await ReplyAsync(target, CommentCommand.HelpText, cancellationToken).ConfigureAwait(false);
                return (true, "Help: replied.");
            case CommentCommand.Unknown unknown:
                await ReplyAsync(target, $"@{CommentTriage.MarkdownSafe(comment.Author)}, {unknown.Problem}.\n\n{CommentCommand.HelpText}", cancellationToken).ConfigureAwait(false);
                return (false, "Not a command we know: replied with the help.");
            case CommentCommand.Validate:
                return (true, await PreviewAsync(target, null, dryRun: true, $"/contribbot validate from {comment.Author}", settings, cancellationToken).ConfigureAwait(false));
            case CommentCommand.Preview preview:
                return (true, await PreviewAsync(target, preview.Samples, dryRun: false, $"/contribbot preview from {comment.Author}", settings, cancellationToken).ConfigureAwait(false));
            case CommentCommand.Review review:
                var what = await ReviewAsync(target, review.Verdicts, review.Reason, comment.Author, settings, reply: true, cancellationToken).ConfigureAwait(false);
                return (!what.StartsWith("Not recorded", StringComparison.Ordinal), what);
            default:
                return (false, "Nothing to do.");
        }
    }

    /// <summary>Checks (and, unless a dry run, previews) the pull request's head commit, writes the report folder and publishes the check run and the comment.</summary>
    private async Task<string> PreviewAsync(GitHubTarget target, int? samples, bool dryRun, string reason, WorkflowCommandSettings settings, CancellationToken cancellationToken)
    {
        var commits = await _publisher.ReadCommitsAsync(target, null, cancellationToken).ConfigureAwait(false);
        await _publisher.StartCheckRunAsync(target, commits.HeadSha, CheckStatus.InProgress, "Checking this commit",
            $"ContribBot is validating the changed leaves{(dryRun ? "" : " and previewing their synthetic data")} ({reason}).", cancellationToken).ConfigureAwait(false);
        var config = Path.Combine(settings.Taxonomy, ContribBotConfig.DefaultRelativePath);
        var preview = new PreviewSettings(settings.Taxonomy, settings.ReportDirectory)
        {
            Base = commits.BaseSha,
            Head = commits.HeadSha,
            // The checkout is the base branch: its settings, never the pull request's own.
            ConfigFile = File.Exists(config) ? config : null,
            AllowLocalRepos = settings.AllowLocalRepos,
            Samples = samples,
            MaxLeaves = settings.MaxLeaves,
            DryRun = dryRun,
        };
        using var session = await PreviewSession.StartAsync(preview, settings.Environment, null, cancellationToken).ConfigureAwait(false);
        var output = await session.PreviewOrPlanAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteToAsync(settings.ReportDirectory).ConfigureAwait(false);
        using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(output.Json), writable: false);
        var report = await ReportJsonReader.ReadAsync(json, cancellationToken).ConfigureAwait(false);
        // Bounded as a review will read it back from the artifact, so the ids in the comment name the samples a review names.
        if (report.Preview is { } made) report = report with { Preview = VerifiedReport.Bounded(made) };
        var outcome = await PublishAsync(target, report, commits.HeadSha, checkRun: true, [], settings, cancellationToken).ConfigureAwait(false);
        return $"{(dryRun ? "Validated" : "Previewed")} {commits.HeadSha[..12]}: {report.Headline()}; comment {outcome.CommentUrl}; report in {settings.ReportDirectory}.";
    }

    /// <summary>
    /// Verdicts on samples of the newest preview of the head commit (the report artifact a preview run uploaded for it),
    /// added to those the comment carries; the comment is published again (the check run is the validation's, which
    /// a review does not change).
    /// </summary>
    private async Task<string> ReviewAsync(
        GitHubTarget target, IReadOnlyList<(string SampleId, bool Good)> verdicts, string? reason, string reviewer, WorkflowCommandSettings settings, bool reply,
        CancellationToken cancellationToken)
    {
        var commits = await _publisher.ReadCommitsAsync(target, null, cancellationToken).ConfigureAwait(false);
        var fromRun = await new ReportArtifacts(client, retry).LatestAsync(target.Owner, target.Name, commits.HeadSha, cancellationToken).ConfigureAwait(false);
        if (fromRun?.Preview is null)
        {
            if (reply) await ReplyAsync(target, CommentTriage.NoPreview, cancellationToken).ConfigureAwait(false);
            return $"Not recorded: no report artifact with samples for {commits.HeadSha[..12]}.";
        }

        var report = VerifiedReport.Combine(await VerdictAsync(commits, settings, cancellationToken).ConfigureAwait(false), fromRun);
        var preview = report.Preview!;
        var unknown = verdicts.Where(v => SampleIds.Find(preview, v.SampleId) is null).Select(v => v.SampleId).ToList();
        if (unknown.Count > 0 && reply)
        {
            await ReplyAsync(target, CommentTriage.UnknownSamples(unknown), cancellationToken).ConfigureAwait(false);
            return $"Not recorded: the preview has no sample {string.Join(", ", unknown)}.";
        }

        var at = time.GetUtcNow();
        var added = verdicts.Select(v => HumanReview.Verdict(preview, v.SampleId, v.Good, reason, reviewer, at, target.ToString())).OfType<ReviewedSample>().ToList();
        if (added.Count == 0) return "Not recorded: no sample of the preview was named.";
        await PublishAsync(target, report, commits.HeadSha, checkRun: false, added, settings, cancellationToken).ConfigureAwait(false);
        return $"Recorded {added.Count} verdict(s) by {reviewer}: {string.Join(", ", added.Select(r => $"{r.SampleId} {(r.Good ? "good" : "bad")}"))}.";
    }

    private async Task<PublishOutcome> PublishAsync(
        GitHubTarget target, PublishedReport report, string headSha, bool checkRun, IReadOnlyList<ReviewedSample> added, WorkflowCommandSettings settings,
        CancellationToken cancellationToken)
    {
        if (report.Preview is not null)
        {
            var carried = await _publisher.CarriedReviewsAsync(target, cancellationToken).ConfigureAwait(false);
            report = report with { Review = new HumanReview([.. carried, .. added]) { ShowBoxes = settings.ReviewBoxes } };
        }

        report = report with { Context = report.Context with { CatalogUrl = DocsLocation.From(settings.Environment) } };
        return await _publisher.PublishAsync(target, report, new PublishOptions { CheckRun = checkRun, Comment = true, HeadSha = headSha, FullReportUrl = settings.RunUrl },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Our own check of what the pull request changes, from the git objects of the checkout (its head commit fetched into it).</summary>
    private static async Task<Core.Validation.ValidationReport> VerdictAsync(PullRequestCommits commits, WorkflowCommandSettings settings, CancellationToken cancellationToken)
    {
        var check = new CheckSettings([settings.Taxonomy])
        {
            Base = commits.BaseSha,
            Head = commits.HeadSha,
            DocumentCacheDirectory = Core.Documents.DocumentOptions.DefaultCacheDirectory(settings.Environment),
            AllowLocalRepos = settings.AllowLocalRepos,
        };
        using var checkedTaxonomy = await TaxonomyCheck.RunAsync(check, null, cancellationToken).ConfigureAwait(false);
        return checkedTaxonomy.Report;
    }

    /// <summary>
    /// Commands taken on the pull request in the last hour, counted from its comments (a workflow keeps no state):
    /// those from trusted authors that are commands which count against the limit, this one included.
    /// </summary>
    private async Task<int> CommandsInLastHourAsync(GitHubTarget target, WorkflowCommandSettings settings, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().AddHours(-1);
        var comments = await retry.RunAsync("reading the pull request's comments", () => client.Issue.Comment.GetAllForIssue(target.Owner, target.Name, target.PullRequest),
            cancellationToken).ConfigureAwait(false);
        return comments.Count(c => c.CreatedAt >= since && settings.Trusted.Contains(c.AuthorAssociation.StringValue) && c.User?.Type?.ToString() != "Bot" &&
                                   CommentCommand.Parse(c.Body ?? "") is { } command && CommentTriage.Counts(command));
    }

    private async Task ReplyAsync(GitHubTarget target, string body, CancellationToken cancellationToken)
    {
        await retry.RunAsync("replying to the command", () => client.Issue.Comment.Create(target.Owner, target.Name, target.PullRequest, body), cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync($"Replied on {target}.").ConfigureAwait(false);
    }
}

/// <summary>How <c>contribbot command</c> runs: the taxonomy checkout, where a preview's report goes, and the rules for commands.</summary>
public sealed record WorkflowCommandSettings(string Taxonomy, string ReportDirectory)
{
    public IReadOnlySet<string> Trusted { get; init; } = new HashSet<string>(["OWNER", "MEMBER", "COLLABORATOR"], StringComparer.OrdinalIgnoreCase);

    public int CommandsPerHour { get; init; } = 10;

    public int MaxLeaves { get; init; } = PreviewSettings.DefaultMaxLeaves;

    public bool AllowLocalRepos { get; init; }

    /// <summary>Show each sample's review boxes in the comment (this workflow reads their ticks).</summary>
    public bool ReviewBoxes { get; init; } = true;

    /// <summary>A link to this workflow run, named when the comment must be cut.</summary>
    public string? RunUrl { get; init; }

    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}
