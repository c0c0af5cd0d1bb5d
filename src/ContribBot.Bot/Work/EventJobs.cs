using ContribBot.Bot.Comments;
using ContribBot.Bot.Events;
using ContribBot.Bot.Jobs;
using ContribBot.Bot.Operations;
using ContribBot.GitHub;
using Octokit;
using Octokit.Webhooks.Events;

namespace ContribBot.Bot.Work;

/// <summary>
/// The jobs stored deliveries become, by event: <c>pull_request</c> (opened, synchronize, reopened) queues a preview;
/// <c>check_run</c> rerequested queues one for each of its pull requests; <c>issue_comment</c> runs a command;
/// <c>push</c> to the default branch starts the build; every other event is stored and done.
/// </summary>
public static class EventJobs
{
    public static async Task RunAsync(BotContext bot, LeasedJob job, CancellationToken cancellationToken)
    {
        switch (job.Kind)
        {
            case PreviewJobPayload.Kind:
                await PreviewJob.RunAsync(bot, job, cancellationToken).ConfigureAwait(false);
                break;
            case "pull_request" when BotEvents.NewHead((PullRequestEvent)BotEvents.Read(job.Kind, job.Payload)) is { } head:
                await PullRequestHeads.QueuePreviewAsync(bot, head, null, $"new commit {Short(head.HeadSha)}", cancellationToken).ConfigureAwait(false);
                break;
            case "check_run":
                foreach (var pull in BotEvents.Rerequested((CheckRunEvent)BotEvents.Read(job.Kind, job.Payload), PullRequestPublisher.CheckName))
                {
                    var current = await PullRequestHeads.CurrentAsync(bot, pull, cancellationToken).ConfigureAwait(false);
                    await PullRequestHeads.QueuePreviewAsync(bot, current, null, "re-run requested", cancellationToken).ConfigureAwait(false);
                }

                break;
            case "issue_comment" when BotEvents.Comment((IssueCommentEvent)BotEvents.Read(job.Kind, job.Payload)) is { } comment:
                await CommentJobs.RunAsync(bot, comment, cancellationToken).ConfigureAwait(false);
                break;
            case "push":
                await PushAsync(bot, (PushEvent)BotEvents.Read(job.Kind, job.Payload), cancellationToken).ConfigureAwait(false);
                break;
            default:
                // ping, installation, and actions we do not act on: stored (so a redelivery is not asked for) and done.
                break;
        }
    }

    /// <summary>A push to the default branch dispatches the build workflow, when one is configured.</summary>
    private static async Task PushAsync(BotContext bot, PushEvent push, CancellationToken cancellationToken)
    {
        if (push.Repository is not { } repository || push.Ref != $"refs/heads/{repository.DefaultBranch}") return;
        if (bot.Options.BuildWorkflow is not { } workflow)
        {
            BotLog.Note(bot.Logger, $"push to {repository.FullName}'s default branch: no build workflow configured (--build-workflow), nothing dispatched");
            return;
        }

        var installation = await bot.Tokens.ForRepositoryAsync(repository.Owner.Login, repository.Name, push.Installation?.Id, cancellationToken).ConfigureAwait(false);
        await bot.Retry.RunAsync($"dispatching {workflow} on {repository.FullName}", async () =>
        {
            await installation.Client.Actions.Workflows.CreateDispatch(repository.Owner.Login, repository.Name, workflow, new CreateWorkflowDispatch(repository.DefaultBranch))
                .ConfigureAwait(false);
            return workflow;
        }, cancellationToken).ConfigureAwait(false);
        BotLog.Note(bot.Logger, $"push to {repository.FullName}'s default branch: build workflow {workflow} dispatched");
    }

    private static string Short(string sha) => sha[..Math.Min(12, sha.Length)];
}
