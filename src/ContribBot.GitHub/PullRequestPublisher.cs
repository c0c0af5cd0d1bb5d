using ContribBot.Core.Reports.Preview;
using Octokit;

namespace ContribBot.GitHub;

/// <summary>
/// Publishes a report to a pull request: a check run named <see cref="CheckName"/> on the head commit with every
/// diagnostic as an annotation (in requests of 50, as GitHub requires), and one sticky comment edited in place on
/// later runs. A re-run on the same commit updates the same check run and sends only the annotations it does not
/// have yet (GitHub appends annotations on update, so sending them again would double them).
/// </summary>
public sealed class PullRequestPublisher(IGitHubClient client, RateLimitRetry retry)
{
    public const string CheckName = "ContribBot";

    /// <summary>GitHub's limit on a check run's summary, in characters.</summary>
    public const int MaxSummaryLength = 65_535;

    public async Task<PublishOutcome> PublishAsync(GitHubTarget target, PublishedReport report, PublishOptions options, CancellationToken cancellationToken)
    {
        var pull = await retry.RunAsync($"reading pull request {target}", () => client.PullRequest.Get(target.Owner, target.Name, target.PullRequest), cancellationToken)
            .ConfigureAwait(false);
        var headSha = pull.Head.Sha;
        // The pull request number may come from an untrusted report folder: it must name the pull request whose
        // commit the report was made from, or a forged artifact could publish on someone else's pull request.
        if (!string.IsNullOrWhiteSpace(options.HeadSha) && !string.Equals(options.HeadSha, headSha, StringComparison.OrdinalIgnoreCase))
        {
            throw new GitHubPublishException(
                $"pull request {target} is at {headSha}, not at {options.HeadSha} where the report was made; not publishing (a newer push will publish its own report).");
        }

        var markdown = Markdown(report);
        var outcome = new PublishOutcome(headSha);
        if (options.CheckRun) outcome = await PublishCheckRunAsync(target, report, markdown, outcome, cancellationToken).ConfigureAwait(false);
        if (options.Comment) outcome = await PublishCommentAsync(target, markdown, options.FullReportUrl, outcome, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// The Markdown of the check-run summary, the comment and the job summary: the report, after a note on any
    /// diagnostics that could not be annotated (first, so that cutting to a size limit cannot drop it).
    /// </summary>
    public static string Markdown(PublishedReport report) => CheckRunAnnotations.SkippedNote(report) + report.RenderMarkdown();

    private async Task<PublishOutcome> PublishCheckRunAsync(GitHubTarget target, PublishedReport report, string markdown, PublishOutcome outcome, CancellationToken cancellationToken)
    {
        var (annotations, skipped) = CheckRunAnnotations.From(report);
        var title = report.Headline();
        var summary = MarkdownFit.Cut(markdown, MaxSummaryLength, "\n\n> [!NOTE]\n> Cut to fit GitHub's check-run limit; see the pull request comment or the report artifact.\n");
        var conclusion = report.ErrorCount > 0 ? CheckConclusion.Failure : CheckConclusion.Success;

        var existing = await retry.RunAsync("looking for an earlier ContribBot check run", () => client.Check.Run.GetAllForReference(
            target.Owner, target.Name, outcome.HeadSha, new CheckRunRequest { CheckName = CheckName }), cancellationToken).ConfigureAwait(false);
        var previous = existing.CheckRuns.Where(run => run.Name == CheckName).OrderByDescending(run => run.Id).FirstOrDefault();

        // A re-run on the same commit: GitHub keeps what was sent before, so only the rest is sent.
        var already = 0;
        if (previous is not null)
        {
            var present = await retry.RunAsync("reading the check run's annotations", () => client.Check.Run.GetAllAnnotations(target.Owner, target.Name, previous.Id),
                cancellationToken).ConfigureAwait(false);
            already = Math.Min(present.Count, annotations.Count);
        }

        var batches = new Queue<IReadOnlyList<NewCheckRunAnnotation>>(CheckRunAnnotations.Batches(annotations.Skip(already).ToList()));
        var first = batches.Count > 0 ? batches.Dequeue() : [];
        var id = previous?.Id ?? (await retry.RunAsync("creating the check run", () => client.Check.Run.Create(target.Owner, target.Name, new NewCheckRun(CheckName, outcome.HeadSha)
        {
            Status = CheckStatus.Completed,
            Conclusion = conclusion,
            CompletedAt = DateTimeOffset.UtcNow,
            Output = new NewCheckRunOutput(title, summary) { Annotations = first },
        }), cancellationToken).ConfigureAwait(false)).Id;
        if (previous is not null) await UpdateAsync(target, id, conclusion, title, summary, first, cancellationToken).ConfigureAwait(false);
        var requests = 1;
        while (batches.Count > 0)
        {
            await UpdateAsync(target, id, conclusion, title, summary, batches.Dequeue(), cancellationToken).ConfigureAwait(false);
            requests++;
        }

        return outcome with
        {
            CheckRunId = id,
            CheckRunCreated = previous is null,
            AnnotationsSent = annotations.Count - already,
            AnnotationRequests = requests,
            AnnotationsSkipped = skipped.Count,
        };
    }

    private Task<CheckRun> UpdateAsync(
        GitHubTarget target, long id, CheckConclusion conclusion, string title, string summary, IReadOnlyList<NewCheckRunAnnotation> annotations, CancellationToken cancellationToken) =>
        retry.RunAsync("updating the check run", () => client.Check.Run.Update(target.Owner, target.Name, id, new CheckRunUpdate
        {
            Status = CheckStatus.Completed,
            Conclusion = conclusion,
            CompletedAt = DateTimeOffset.UtcNow,
            Output = new NewCheckRunOutput(title, summary) { Annotations = annotations },
        }), cancellationToken);

    private async Task<PublishOutcome> PublishCommentAsync(GitHubTarget target, string markdown, string? fullReportUrl, PublishOutcome outcome, CancellationToken cancellationToken)
    {
        var body = StickyComment.Compose(markdown, fullReportUrl);
        var comments = await retry.RunAsync("reading the pull request's comments", () => client.Issue.Comment.GetAllForIssue(target.Owner, target.Name, target.PullRequest),
            cancellationToken).ConfigureAwait(false);
        var ours = comments.FirstOrDefault(comment => StickyComment.IsOurs(comment.Body, comment.User?.Type?.ToString()));
        var posted = ours is null
            ? await retry.RunAsync("creating the comment", () => client.Issue.Comment.Create(target.Owner, target.Name, target.PullRequest, body), cancellationToken).ConfigureAwait(false)
            : await retry.RunAsync("updating the comment", () => client.Issue.Comment.Update(target.Owner, target.Name, ours.Id, body), cancellationToken).ConfigureAwait(false);
        return outcome with
        {
            CommentId = posted.Id,
            CommentCreated = ours is null,
            CommentUrl = posted.HtmlUrl,
            CommentTrimmed = body.Length < StickyComment.Marker.Length + 1 + markdown.Length,
        };
    }
}
