using ContribBot.Bot.Events;
using ContribBot.Bot.Jobs;
using ContribBot.GitHub;
using Octokit;

namespace ContribBot.Bot.Work;

/// <summary>
/// Turns a request for a check (a push to a pull request, a re-run, a comment command) into a queued preview job:
/// the check run is shown as queued at once, then the job is queued, superseding any older preview of the pull request.
/// </summary>
public static class PullRequestHeads
{
    public static async Task QueuePreviewAsync(BotContext bot, PullRequestHead head, int? samples, string reason, CancellationToken cancellationToken, bool dryRun = false)
    {
        var pull = head.PullRequest;
        var installation = await bot.Tokens.ForRepositoryAsync(pull.Owner, pull.Name, pull.InstallationId, cancellationToken).ConfigureAwait(false);
        var checkRun = await bot.Publisher(installation.Client).StartCheckRunAsync(new GitHubTarget(pull.Owner, pull.Name, pull.Number), head.HeadSha,
            CheckStatus.Queued, "Queued", $"ContribBot will check this commit shortly ({reason}).", cancellationToken).ConfigureAwait(false);
        var repository = $"{pull.Owner}/{pull.Name}";
        await bot.Records.StartedCheckRunAsync(repository, checkRun, head.HeadSha, null, cancellationToken).ConfigureAwait(false);
        var payload = new PreviewJobPayload(head with { PullRequest = pull with { InstallationId = installation.InstallationId } }, checkRun, samples, reason) { DryRun = dryRun };
        var job = await bot.Jobs.EnqueueAsync(new JobRequest(PreviewJobPayload.Kind, pull.Subject, payload.ToBytes()) { Supersedes = true }, cancellationToken)
            .ConfigureAwait(false);
        await bot.Records.StartedCheckRunAsync(repository, checkRun, head.HeadSha, job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The pull request's current head, read from GitHub (for a re-run or a command, whose events do not carry it).</summary>
    public static async Task<PullRequestHead> CurrentAsync(BotContext bot, PullRequestAddress pull, CancellationToken cancellationToken)
    {
        var installation = await bot.Tokens.ForRepositoryAsync(pull.Owner, pull.Name, pull.InstallationId, cancellationToken).ConfigureAwait(false);
        var read = await bot.Retry.RunAsync($"reading pull request {pull}", () => installation.Client.PullRequest.Get(pull.Owner, pull.Name, pull.Number), cancellationToken)
            .ConfigureAwait(false);
        var baseUrl = read.Base.Repository?.CloneUrl ?? string.Empty;
        return new PullRequestHead(pull with { InstallationId = installation.InstallationId }, read.Head.Sha, read.Head.Ref,
            read.Head.Repository?.CloneUrl ?? baseUrl, read.Base.Ref, baseUrl);
    }
}
