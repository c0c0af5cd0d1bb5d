using ContribBot.Core.Reports.Preview;
using Octokit;

namespace ContribBot.GitHub;

/// <summary>
/// Publishes a report to a pull request: a check run named <see cref="CheckName"/> on the head commit with every
/// diagnostic as an annotation (in requests of 50, as GitHub requires), and one sticky comment edited in place on
/// later runs. A re-run on the same commit updates the same check run and sends only the annotations it does not
/// have yet (GitHub appends annotations on update, so sending them again would double them). A service can start the
/// check run first (<see cref="StartCheckRunAsync"/>: queued or in progress, no conclusion) and complete it later
/// with <see cref="PublishAsync"/>, which finds and completes it.
/// </summary>
public sealed class PullRequestPublisher(IGitHubClient client, GitHubRetry retry)
{
    private readonly TimeProvider _clock = retry.Clock;

    public const string CheckName = "ContribBot";

    /// <summary>GitHub's limit on a check run's summary, in characters.</summary>
    public const int MaxSummaryLength = 65_535;

    public async Task<PublishOutcome> PublishAsync(GitHubTarget target, PublishedReport report, PublishOptions options, CancellationToken cancellationToken)
    {
        var headSha = (await ReadCommitsAsync(target, options.HeadSha, cancellationToken).ConfigureAwait(false)).HeadSha;
        var annotations = CheckRunAnnotations.From(report);
        var markdown = Markdown(report, annotations);
        var outcome = new PublishOutcome(headSha);
        if (options.CheckRun) outcome = await PublishCheckRunAsync(target, report, annotations, markdown, outcome, cancellationToken).ConfigureAwait(false);
        if (options.Comment) outcome = await PublishCommentAsync(target, markdown, options.FullReportUrl, outcome, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// The pull request's head and base commits. With <paramref name="expectedHeadSha"/> the head must be that commit:
    /// the pull request number may come from an untrusted report folder, so it must name the pull request whose commit
    /// the report was made from, or a forged artifact could publish on someone else's pull request.
    /// </summary>
    /// <exception cref="GitHubRefusedException">The pull request is at another commit.</exception>
    public async Task<PullRequestCommits> ReadCommitsAsync(GitHubTarget target, string? expectedHeadSha, CancellationToken cancellationToken)
    {
        var pull = await retry.RunAsync($"reading pull request {target}", () => client.PullRequest.Get(target.Owner, target.Name, target.PullRequest), cancellationToken)
            .ConfigureAwait(false);
        var headSha = pull.Head.Sha;
        if (!string.IsNullOrWhiteSpace(expectedHeadSha) && !string.Equals(expectedHeadSha, headSha, StringComparison.OrdinalIgnoreCase))
        {
            throw new GitHubRefusedException(
                $"pull request {target} is at {headSha}, not at {expectedHeadSha} where the report was made; not publishing (a newer push will publish its own report).", null, null);
        }

        return new PullRequestCommits(headSha, pull.Base.Sha);
    }

    /// <summary>
    /// The Markdown of the check-run summary, the comment and the job summary: the report, after a note on any
    /// diagnostics that could not be annotated (first, so that cutting to a size limit cannot drop it).
    /// </summary>
    public static string Markdown(PublishedReport report) => Markdown(report, CheckRunAnnotations.From(report));

    private static string Markdown(PublishedReport report, CheckRunAnnotations.AnnotationSet annotations) =>
        CheckRunAnnotations.SkippedNote(annotations) + report.RenderMarkdown();

    private async Task<PublishOutcome> PublishCheckRunAsync(
        GitHubTarget target, PublishedReport report, CheckRunAnnotations.AnnotationSet set, string markdown, PublishOutcome outcome, CancellationToken cancellationToken)
    {
        var annotations = set.Annotations;
        var title = report.Headline();
        var summary = MarkdownFit.Cut(markdown, MaxSummaryLength, "\n\n> [!NOTE]\n> Cut to fit GitHub's check-run limit; see the pull request comment or the report artifact.\n");
        var conclusion = report.ErrorCount > 0 ? CheckConclusion.Failure : CheckConclusion.Success;

        // A check run on this commit already (a re-run, a service that started it, or a parallel publish): GitHub keeps
        // the annotations it holds and appends new ones. When they are the start of ours (the same report, resumed after
        // a failure) only the rest is sent; when they differ (another report of the same commit) a new check run
        // replaces it, since annotations cannot be taken back and GitHub shows the newest run of a name.
        var previous = await FindCheckRunAsync(target, outcome.HeadSha, cancellationToken).ConfigureAwait(false);
        var newestBefore = previous?.Id;
        var already = 0;
        if (previous is not null)
        {
            var held = await AnnotationsAsync(target, previous.Id, cancellationToken).ConfigureAwait(false);
            if (IsStartOf(held, annotations)) already = held.Count;
            else previous = null;
        }

        var sent = already;
        var requests = 0;
        long id;
        if (previous is null)
        {
            var first = annotations.Take(CheckRunAnnotations.BatchSize).ToList();
            var created = await retry.RunAsync("creating the check run", () => client.Check.Run.Create(target.Owner, target.Name, new NewCheckRun(CheckName, outcome.HeadSha)
            {
                Status = CheckStatus.Completed,
                Conclusion = conclusion,
                CompletedAt = _clock.GetUtcNow(),
                Output = new NewCheckRunOutput(title, summary) { Annotations = first },
            }),
            // A check run newer than the one seen before this create is the one a lost answer hid.
            alreadyDone: async () => await FindCheckRunAsync(target, outcome.HeadSha, cancellationToken).ConfigureAwait(false) is { } found && found.Id != newestBefore ? found : null,
            cancellationToken).ConfigureAwait(false);
            (id, sent, requests) = (created.Id, first.Count, 1);
        }
        else
        {
            id = previous.Id;
        }

        // An earlier run's check run still gets its summary and conclusion updated, even with no annotation left to send.
        while (sent < annotations.Count || (previous is not null && requests == 0))
        {
            var batch = annotations.Skip(sent).Take(CheckRunAnnotations.BatchSize).ToList();
            await UpdateAsync(target, id, conclusion, title, summary, batch, sent + batch.Count, cancellationToken).ConfigureAwait(false);
            sent += batch.Count;
            requests++;
        }

        return outcome with
        {
            CheckRunId = id,
            CheckRunCreated = previous is null,
            AnnotationsSent = annotations.Count - already,
            AnnotationRequests = requests,
            AnnotationsSkipped = set.Unplaceable.Count + set.OverLimit,
        };
    }

    /// <summary>Whether the annotations GitHub holds are the first ones of ours (same file, line and message, in order).</summary>
    private static bool IsStartOf(IReadOnlyList<CheckRunAnnotation> held, IReadOnlyList<NewCheckRunAnnotation> ours) =>
        held.Count <= ours.Count && held.Select((annotation, i) =>
            annotation.Path == ours[i].Path && annotation.StartLine == ours[i].StartLine && annotation.Message == ours[i].Message).All(same => same);

    /// <summary>
    /// Shows the check run before there is a report (the App, as soon as it takes a job): queued or in progress, with a
    /// line saying what is going on; an earlier ContribBot check run on the commit is reused. Returns its id.
    /// </summary>
    public async Task<long> StartCheckRunAsync(GitHubTarget target, string headSha, CheckStatus status, string title, string summary, CancellationToken cancellationToken)
    {
        if (status == CheckStatus.Completed) throw new ArgumentException("A check run is completed by PublishAsync, with its report.", nameof(status));
        var output = new NewCheckRunOutput(title, summary);
        DateTimeOffset? startedAt = status == CheckStatus.InProgress ? _clock.GetUtcNow() : null;
        if (await FindCheckRunAsync(target, headSha, cancellationToken).ConfigureAwait(false) is { } previous)
        {
            await retry.RunAsync("starting the check run", () => client.Check.Run.Update(target.Owner, target.Name, previous.Id, new CheckRunUpdate
            {
                Status = status,
                StartedAt = startedAt,
                Output = output,
            }), cancellationToken).ConfigureAwait(false);
            return previous.Id;
        }

        var created = await retry.RunAsync("starting the check run", () => client.Check.Run.Create(target.Owner, target.Name, new NewCheckRun(CheckName, headSha)
        {
            Status = status,
            StartedAt = startedAt,
            Output = output,
        }),
        alreadyDone: () => FindCheckRunAsync(target, headSha, cancellationToken),
        cancellationToken).ConfigureAwait(false);
        return created.Id;
    }

    /// <summary>The newest ContribBot check run on the commit, or null.</summary>
    private async Task<CheckRun?> FindCheckRunAsync(GitHubTarget target, string headSha, CancellationToken cancellationToken)
    {
        var existing = await retry.RunAsync("looking for an earlier ContribBot check run", () => client.Check.Run.GetAllForReference(
            target.Owner, target.Name, headSha, new CheckRunRequest { CheckName = CheckName }), cancellationToken).ConfigureAwait(false);
        return existing.CheckRuns.Where(run => run.Name == CheckName).OrderByDescending(run => run.Id).FirstOrDefault();
    }

    private Task<IReadOnlyList<CheckRunAnnotation>> AnnotationsAsync(GitHubTarget target, long id, CancellationToken cancellationToken) =>
        retry.RunAsync("reading the check run's annotations", () => client.Check.Run.GetAllAnnotations(target.Owner, target.Name, id), cancellationToken);

    private async Task<int> AnnotationCountAsync(GitHubTarget target, long id, CancellationToken cancellationToken) =>
        (await AnnotationsAsync(target, id, cancellationToken).ConfigureAwait(false)).Count;

    /// <summary>
    /// One update. GitHub appends the annotations of every update, so after a lost answer the update is sent again only
    /// when GitHub does not hold <paramref name="expectedTotal"/> annotations yet.
    /// </summary>
    private Task<CheckRun> UpdateAsync(
        GitHubTarget target, long id, CheckConclusion conclusion, string title, string summary, IReadOnlyList<NewCheckRunAnnotation> annotations, int expectedTotal,
        CancellationToken cancellationToken) =>
        retry.RunAsync("updating the check run", () => client.Check.Run.Update(target.Owner, target.Name, id, new CheckRunUpdate
        {
            Status = CheckStatus.Completed,
            Conclusion = conclusion,
            CompletedAt = _clock.GetUtcNow(),
            Output = new NewCheckRunOutput(title, summary) { Annotations = annotations },
        }),
        alreadyDone: annotations.Count == 0 ? null : async () =>
            await AnnotationCountAsync(target, id, cancellationToken).ConfigureAwait(false) >= expectedTotal
                ? await retry.RunAsync("reading the check run", () => client.Check.Run.Get(target.Owner, target.Name, id), cancellationToken).ConfigureAwait(false)
                : null,
        cancellationToken);

    private async Task<PublishOutcome> PublishCommentAsync(GitHubTarget target, string markdown, string? fullReportUrl, PublishOutcome outcome, CancellationToken cancellationToken)
    {
        var body = StickyComment.Compose(markdown, fullReportUrl);
        var ours = await FindCommentAsync(target, cancellationToken).ConfigureAwait(false);
        var posted = ours is null
            ? await retry.RunAsync("creating the comment", () => client.Issue.Comment.Create(target.Owner, target.Name, target.PullRequest, body),
                // There was no comment of ours before, so one found now is the one a lost answer hid (editing is safe to repeat).
                alreadyDone: () => FindCommentAsync(target, cancellationToken), cancellationToken).ConfigureAwait(false)
            : await retry.RunAsync("updating the comment", () => client.Issue.Comment.Update(target.Owner, target.Name, ours.Id, body), cancellationToken).ConfigureAwait(false);
        if (ours is null) posted = await KeepOneCommentAsync(target, posted, body, cancellationToken).ConfigureAwait(false);
        return outcome with
        {
            CommentId = posted.Id,
            CommentCreated = ours is null,
            CommentUrl = posted.HtmlUrl,
            CommentTrimmed = body.Length < StickyComment.Marker.Length + 1 + markdown.Length,
        };
    }

    /// <summary>
    /// After creating the comment: a publish that ran in parallel may have created one too. The oldest stays (it gets
    /// this body) and ours goes, so that two racing runs end with one comment whatever their order.
    /// </summary>
    private async Task<IssueComment> KeepOneCommentAsync(GitHubTarget target, IssueComment created, string body, CancellationToken cancellationToken)
    {
        var comments = await retry.RunAsync("reading the pull request's comments", () => client.Issue.Comment.GetAllForIssue(target.Owner, target.Name, target.PullRequest),
            cancellationToken).ConfigureAwait(false);
        var oldest = comments.Where(comment => StickyComment.IsOurs(comment.Body, comment.User?.Type?.ToString())).MinBy(comment => comment.Id);
        if (oldest is null || oldest.Id == created.Id) return created;
        var kept = await retry.RunAsync("updating the comment", () => client.Issue.Comment.Update(target.Owner, target.Name, oldest.Id, body), cancellationToken).ConfigureAwait(false);
        await retry.RunAsync("removing a duplicate comment", async () =>
            {
                await client.Issue.Comment.Delete(target.Owner, target.Name, created.Id).ConfigureAwait(false);
                return "deleted";
            },
            // Deleting twice is a 404: after a lost answer, look whether it is gone.
            alreadyDone: async () => (await retry.RunAsync("reading the pull request's comments",
                () => client.Issue.Comment.GetAllForIssue(target.Owner, target.Name, target.PullRequest), cancellationToken).ConfigureAwait(false))
                .Any(comment => comment.Id == created.Id) ? null : "deleted",
            cancellationToken).ConfigureAwait(false);
        return kept;
    }

    /// <summary>
    /// The maintainers' verdicts our comment on the pull request carries (<see cref="Core.Reports.Preview.ReviewCarrier"/>):
    /// publishing a new report keeps them, and a review adds to them. None when there is no comment of ours yet.
    /// </summary>
    public async Task<IReadOnlyList<Core.Quality.Review.ReviewedSample>> CarriedReviewsAsync(GitHubTarget target, CancellationToken cancellationToken) =>
        Core.Reports.Preview.ReviewCarrier.Read((await FindCommentAsync(target, cancellationToken).ConfigureAwait(false))?.Body)
            .Select(review => review with { PullRequest = target.ToString() })
            .ToList();

    private async Task<IssueComment?> FindCommentAsync(GitHubTarget target, CancellationToken cancellationToken)
    {
        var comments = await retry.RunAsync("reading the pull request's comments", () => client.Issue.Comment.GetAllForIssue(target.Owner, target.Name, target.PullRequest),
            cancellationToken).ConfigureAwait(false);
        return comments.FirstOrDefault(comment => StickyComment.IsOurs(comment.Body, comment.User?.Type?.ToString()));
    }
}
