using System.Diagnostics;
using ContribBot.Bot.Events;
using ContribBot.Bot.Jobs;
using ContribBot.Bot.Mirrors;
using ContribBot.Bot.Operations;
using ContribBot.GitHub;

namespace ContribBot.Bot.Work;

/// <summary>
/// One worker: takes the next job on a lease, renews the lease every third of it while the job runs, and ends the
/// job as done, failed (tried again later, or a dead letter), deferred (GitHub's rate limit, untried) or released
/// (shutdown). A job whose lease it loses (superseded, or taken by another worker after a stall) is cancelled here
/// and not completed, so its result is never published twice.
/// </summary>
public sealed class JobWorker(BotContext bot, string name)
{
    public string Name => name;

    /// <summary>Works until <paramref name="stopTaking"/> (no new jobs) and then finishes the one it holds, unless <paramref name="abandon"/> fires first.</summary>
    public async Task RunAsync(CancellationToken stopTaking, CancellationToken abandon)
    {
        while (!stopTaking.IsCancellationRequested)
        {
            LeasedJob? job;
            try
            {
                job = await bot.Jobs.LeaseAsync(name, bot.Options.Lease, stopTaking).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopTaking.IsCancellationRequested)
            {
                return;
            }
            catch (System.Data.Common.DbException exception)
            {
                // The database busy past its timeout, or the disk full: this worker must not die of it. It waits and tries again.
                BotLog.BackgroundFailed(bot.Logger, $"worker {name} taking a job", exception.Message);
                job = null;
            }

            if (job is null)
            {
                try
                {
                    await Task.Delay(bot.Options.PollInterval, bot.Time, stopTaking).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            try
            {
                await ProcessAsync(job, abandon).ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException exception)
            {
                // The job's end could not be recorded: its lease runs out and it is taken again, so nothing is lost.
                BotLog.BackgroundFailed(bot.Logger, $"recording the end of job {job.Id}", exception.Message);
            }
        }
    }

    /// <summary>Runs one leased job to its end (exposed for tests that drive a worker step by step).</summary>
    public async Task ProcessAsync(LeasedJob job, CancellationToken abandon)
    {
        BotLog.JobStarted(bot.Logger, job.Id, job.Kind, job.Subject, job.Attempt);
        var watch = Stopwatch.StartNew();
        using var lost = new CancellationTokenSource();
        using var running = CancellationTokenSource.CreateLinkedTokenSource(lost.Token, abandon);
        using var renewing = new CancellationTokenSource();
        var renewal = RenewAsync(job, lost, renewing.Token);
        string outcome;
        try
        {
            await EventJobs.RunAsync(bot, job, running.Token).ConfigureAwait(false);
            outcome = await bot.Jobs.CompleteAsync(job, CancellationToken.None).ConfigureAwait(false) ? "done" : "lost";
        }
        catch (OperationCanceledException exception) when (lost.IsCancellationRequested || !abandon.IsCancellationRequested)
        {
            // Superseded by a newer request, or the lease went to another worker: theirs is the result that counts.
            // A cancellation nobody asked for (an HTTP timeout) while the job is still ours is a failure to try again.
            outcome = !lost.IsCancellationRequested && await bot.Jobs.RenewAsync(job, bot.Options.Lease, CancellationToken.None).ConfigureAwait(false)
                ? await bot.Jobs.FailAsync(job, $"timed out: {exception.Message}", final: false, CancellationToken.None).ConfigureAwait(false) ? "dead" : "retried"
                : "superseded";
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            await bot.Jobs.ReleaseAsync(job, CancellationToken.None).ConfigureAwait(false);
            outcome = "released";
        }
        catch (GitHubRateLimitedException exception)
        {
            await bot.Jobs.DeferAsync(job, exception.RetryAt, exception.Message, CancellationToken.None).ConfigureAwait(false);
            outcome = "deferred";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var final = Final(exception);
            var message = Describe(exception);
            BotLog.JobFailed(bot.Logger, job.Id, job.Kind, job.Subject, job.Attempt, message);
            outcome = await bot.Jobs.FailAsync(job, message, final, CancellationToken.None).ConfigureAwait(false) ? "dead" : "retried";
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
        }

        bot.Metrics.Job(job.Kind, outcome, watch.Elapsed);
        BotLog.JobEnded(bot.Logger, job.Id, job.Kind, job.Subject, outcome, watch.ElapsedMilliseconds);
    }

    private async Task RenewAsync(LeasedJob job, CancellationTokenSource lost, CancellationToken stop)
    {
        var every = bot.Options.Lease / 3;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(every, bot.Time, stop).ConfigureAwait(false);
                if (!await bot.Jobs.RenewAsync(job, bot.Options.Lease, stop).ConfigureAwait(false))
                {
                    await lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job ended.
        }
    }

    /// <summary>Failures that trying again cannot mend: a payload GitHub would not send, a refusal, settings that are wrong.</summary>
    private static bool Final(Exception exception) =>
        exception is BotEventException or GitHubRefusedException or MirrorException { Permanent: true } or BotConfigException or Core.Configuration.ConfigException or Core.Git.GitInputException
            or Core.Validation.InputPathException;

    private static string Describe(Exception exception) => exception switch
    {
        GitHubPublishException or MirrorException or BotEventException or BotConfigException or Core.Configuration.ConfigException or Core.Git.GitInputException
            or Core.Runs.Checking.DocumentsUnavailableException => exception.Message,
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };
}
