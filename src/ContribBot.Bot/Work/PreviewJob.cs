using System.Text;
using ContribBot.Bot.Jobs;
using ContribBot.Core.Configuration;
using ContribBot.Core.Runs.Preview;
using ContribBot.GitHub;
using ContribBot.Bot.Operations;
using ContribBot.Core.Reports.Preview;
using Octokit;

namespace ContribBot.Bot.Work;

/// <summary>
/// Checks and previews one commit of a pull request, as the Action's two workflows do together but in one trusted
/// place: the check run goes to "in progress", the base branch and head commit are fetched into the mirror, the
/// changed leaves are validated and previewed from git objects (with the base branch's settings, never the pull
/// request's own), and the check run and the one comment are published. A superseded job stops before publishing.
/// </summary>
public static class PreviewJob
{
    public static async Task RunAsync(BotContext bot, LeasedJob job, CancellationToken cancellationToken)
    {
        var payload = PreviewJobPayload.From(job.Payload);
        var head = payload.Head;
        var pull = head.PullRequest;
        var installation = await bot.Tokens.ForRepositoryAsync(pull.Owner, pull.Name, pull.InstallationId, cancellationToken).ConfigureAwait(false);
        var publisher = bot.Publisher(installation.Client);
        var target = new GitHubTarget(pull.Owner, pull.Name, pull.Number);
        var checkRun = await publisher.StartCheckRunAsync(target, head.HeadSha, CheckStatus.InProgress, "Checking this commit",
            $"ContribBot is validating the changed leaves and previewing their synthetic data ({payload.Reason}).", cancellationToken).ConfigureAwait(false);
        var repository = $"{pull.Owner}/{pull.Name}";
        await bot.Records.StartedCheckRunAsync(repository, checkRun, head.HeadSha, job.Id, cancellationToken).ConfigureAwait(false);

        var token = await bot.Tokens.TokenAsync(installation.InstallationId, cancellationToken).ConfigureAwait(false);
        var (mirror, baseRef) = await bot.Mirror.FetchAsync(head, token, cancellationToken).ConfigureAwait(false);
        var work = Path.Combine(bot.Options.DataDirectory, "jobs", job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        try
        {
            var settings = new PreviewSettings(mirror, Path.Combine(work, "report"))
            {
                Base = baseRef,
                Head = head.HeadSha,
                ConfigFile = BaseSettingsFile(mirror, baseRef, work),
                AllowLocalRepos = bot.Options.AllowLocalRepos,
                Samples = payload.Samples,
                MaxLeaves = bot.Options.PreviewMaxLeaves,
                DryRun = payload.DryRun,
            };
            using var session = await PreviewSession.StartAsync(settings, bot.Options.Environment, null, cancellationToken).ConfigureAwait(false);
            var output = await session.PreviewOrPlanAsync(cancellationToken).ConfigureAwait(false);
            if (output.Result is { } result) bot.Metrics.TeacherTokens(result.Usage.TotalTokens);
            // A newer push superseded this job while it ran (the lease renewal may not have noticed yet): its report
            // must not overwrite the newer one's.
            cancellationToken.ThrowIfCancellationRequested();
            if (!await bot.Jobs.RenewAsync(job, bot.Options.Lease, cancellationToken).ConfigureAwait(false)) throw new OperationCanceledException("superseded");
            var json = Encoding.UTF8.GetBytes(output.Json);
            await bot.Records.SaveReportAsync(pull.Subject, head.HeadSha, json, cancellationToken).ConfigureAwait(false);
            var report = await ReportPublishing.ReadAsync(json, cancellationToken).ConfigureAwait(false);
            var outcome = await ReportPublishing.PublishAsync(bot, publisher, pull, head.HeadSha, report, checkRun: true, cancellationToken).ConfigureAwait(false);
            await bot.Records.CompletedCheckRunAsync(repository, outcome.CheckRunId ?? checkRun, cancellationToken).ConfigureAwait(false);
            if (outcome.CheckRunId is { } published && published != checkRun) await bot.Records.CompletedCheckRunAsync(repository, checkRun, cancellationToken).ConfigureAwait(false);
            BotLog.Published(bot.Logger, job.Id, pull.Subject, head.HeadSha, outcome.CommentUrl ?? "no comment");
        }
        finally
        {
            TryDelete(work);
        }
    }

    /// <summary>
    /// The base branch's <c>.github/contribbot.yml</c> written to a file (null when it has none): the pull request's
    /// own copy is one of the things it controls, so the rules and limits come from the branch it targets.
    /// </summary>
    private static string? BaseSettingsFile(string mirror, string baseRef, string work)
    {
        var file = Path.Combine(work, "contribbot.yml");
        // The loader refuses a file over its limit with a clear message; copying a little past it is enough for that.
        return Core.Git.BareMirror.CopyFile(mirror, baseRef, ContribBotConfig.DefaultRelativePath, file, 64 * 1024) ? file : null;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover job folder is harmless; the next start of the same job id cannot happen (ids are not reused).
        }
    }
}
