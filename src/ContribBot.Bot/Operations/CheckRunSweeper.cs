using ContribBot.Bot.Work;
using ContribBot.GitHub;
using Octokit;

namespace ContribBot.Bot.Operations;

/// <summary>
/// Makes sure no check run stays "queued" or "in progress": one whose job was superseded is completed as cancelled,
/// one whose job died as failed with the last error, and one open longer than the stale limit as timed out. A job
/// that is done has published its check run already; its record is closed.
/// </summary>
public sealed class CheckRunSweeper(BotContext bot)
{
    /// <returns>How many check runs were completed on GitHub.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var completed = 0;
        var now = bot.Time.GetUtcNow();
        foreach (var run in await bot.Records.OpenCheckRunsAsync(cancellationToken).ConfigureAwait(false))
        {
            var state = run.JobId is { } job ? await bot.Jobs.StateAsync(job, cancellationToken).ConfigureAwait(false) : null;
            var stale = now - run.StartedAt > bot.Options.StaleCheckRunAfter;
            (CheckConclusion Conclusion, string Title, string Summary)? end = state switch
            {
                "done" => null,
                "cancelled" => (CheckConclusion.Cancelled, "Superseded", "A newer commit or request of this pull request is being checked instead."),
                "dead" => (CheckConclusion.Failure, "ContribBot could not finish",
                    $"ContribBot gave up after several tries: {await bot.Jobs.LastErrorAsync(run.JobId!.Value, cancellationToken).ConfigureAwait(false)}. " +
                    "Comment `/contribbot validate` to try again."),
                _ when stale => (CheckConclusion.TimedOut, "Timed out",
                    $"ContribBot did not finish within {bot.Options.StaleCheckRunAfter.TotalMinutes:0} minutes. Comment `/contribbot validate` to try again."),
                _ => ((CheckConclusion, string, string)?)null,
            };
            if (state is "queued" or "running" && !stale) continue;
            if (end is { } close && GitHubTarget.ParseRepository(run.Repository) is var (owner, name))
            {
                try
                {
                    var installation = await bot.Tokens.ForRepositoryAsync(owner, name, null, cancellationToken).ConfigureAwait(false);
                    await bot.Retry.RunAsync("completing a stale check run", () => installation.Client.Check.Run.Update(owner, name, run.CheckRunId, new CheckRunUpdate
                    {
                        Status = CheckStatus.Completed,
                        Conclusion = close.Conclusion,
                        CompletedAt = now,
                        Output = new NewCheckRunOutput(close.Title, close.Summary),
                    }), cancellationToken).ConfigureAwait(false);
                    BotLog.Swept(bot.Logger, run.CheckRunId, run.Repository, close.Title);
                    completed++;
                }
                catch (GitHubRefusedException exception)
                {
                    // The App was uninstalled, or the check run deleted: nothing can complete it, and it must not block the others.
                    BotLog.BackgroundFailed(bot.Logger, $"completing check run {run.CheckRunId} on {run.Repository}", exception.Message);
                }
            }

            await bot.Records.CompletedCheckRunAsync(run.Repository, run.CheckRunId, cancellationToken).ConfigureAwait(false);
        }

        return completed;
    }
}
