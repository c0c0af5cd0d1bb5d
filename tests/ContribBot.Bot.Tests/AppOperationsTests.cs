using ContribBot.Bot.Operations;
using ContribBot.Testing.FakeGitHub;

namespace ContribBot.Bot.Tests;

/// <summary>Supersession, the sweeper, missed deliveries, the build on push, and shutdown, through the running App.</summary>
public sealed class AppOperationsTests
{
    [Fact]
    public async Task A_newer_push_supersedes_the_running_preview_whose_check_run_is_then_completed_as_cancelled()
    {
        await using var bot = await BotHarness.StartAsync();
        var first = bot.HeadSha;
        // The first preview stops just before it marks its check run in progress, until the newer push is in.
        var (entered, hold) = bot.HoldNextCheckRunUpdate();
        using var _ = entered;
        using var __ = hold;

        await bot.OpenPullRequestAsync();
        await bot.UntilAsync(() => entered.IsSet, "the first preview to start");
        var second = bot.AddCommitToPullRequest();
        await bot.OpenPullRequestAsync("synchronize");
        await bot.UntilAsync(() => bot.GitHub.CheckRuns.Any(r => r.HeadSha == second), "the newer check run queued");
        hold.Set();
        await bot.UntilAsync(() => bot.GitHub.CheckRuns.Any(r => r.HeadSha == first && r.Conclusion == "cancelled"), "the older check run cancelled");
        await bot.UntilAsync(() => bot.GitHub.CheckRuns.Any(r => r.HeadSha == second && r.Status == "completed"), "the newer check run completed");
        await bot.DrainedAsync();

        var comment = Assert.Single(bot.GitHub.Comments);
        Assert.DoesNotContain(first[..12], comment.Body, StringComparison.Ordinal);
        Assert.Equal(1, bot.Service.Context.Metrics.JobCount("preview", "superseded"));
        Assert.Equal(1, bot.Service.Context.Metrics.JobCount("preview", "done"));
    }

    [Fact]
    public async Task A_job_that_cannot_succeed_becomes_a_dead_letter_and_its_check_run_a_failure_that_says_why()
    {
        await using var bot = await BotHarness.StartAsync(o => o with { AllowLocalRepos = false });

        await bot.OpenPullRequestAsync();
        await bot.UntilAsync(() => bot.GitHub.CheckRuns.Any(r => r.Status == "completed"), "the check run completed by the sweeper");

        var dead = Assert.Single(await bot.Service.Context.Jobs.DeadLettersAsync());
        Assert.Contains("is not an https URL on 127.0.0.1", dead.LastError, StringComparison.Ordinal);
        var run = bot.GitHub.CheckRuns.Single();
        Assert.Equal(("failure", "ContribBot could not finish"), (run.Conclusion, run.Title));
        Assert.Contains("is not an https URL", run.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_run_left_open_past_the_stale_limit_is_completed_as_timed_out()
    {
        await using var bot = await BotHarness.StartAsync(o => o with { StaleCheckRunAfter = TimeSpan.Zero, Workers = 1 });
        await bot.Service.Context.Records.StartedCheckRunAsync(BotHarness.Repository, bot.GitHub.AddCheckRun("ContribBot", bot.HeadSha).Id, bot.HeadSha, null);

        await bot.UntilAsync(() => bot.GitHub.CheckRuns.Single().Conclusion == "timed_out", "the sweeper");

        Assert.Contains("did not finish within", bot.GitHub.CheckRuns.Single().Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_GitHub_failed_to_make_is_asked_for_again_and_checked_while_one_already_stored_is_not()
    {
        await using var bot = await BotHarness.StartAsync(o => o with { RecoveryInterval = TimeSpan.FromHours(1) });
        await bot.DeliverAsync("ping", """{"zen": "Keep it logically awesome.", "hook_id": 1}""", "stored-already");
        await bot.DrainedAsync();
        bot.GitHub.AddDelivery("stored-already", "ping", "{}", 500);
        bot.GitHub.AddDelivery("delivered-fine", "ping", "{}", 202);
        bot.GitHub.AddDelivery("missed", "pull_request", WebhookPayloads.PullRequest("opened", BotHarness.Repository, 12, bot.HeadSha, bot.Repo.Root), 502);

        var asked = await new DeliveryRecovery(bot.Service.Context).RecoverAsync(CancellationToken.None);
        await bot.UntilAsync(() => bot.GitHub.Comments.Count > 0, "the missed pull request checked");

        Assert.Equal(["missed"], asked);
        Assert.Equal(["missed"], bot.GitHub.Redeliveries);
        Assert.True(await bot.Service.Context.Jobs.HasDeliveryAsync("missed"));
    }

    [Fact]
    public async Task A_push_to_the_default_branch_dispatches_the_build_workflow_and_other_pushes_do_not()
    {
        await using var bot = await BotHarness.StartAsync(o => o with { BuildWorkflow = "contribbot-build.yml" });

        await bot.DeliverAsync("push", WebhookPayloads.Push(BotHarness.Repository, "feature", new string('1', 40), new string('2', 40), bot.Repo.Root));
        await bot.DeliverAsync("push", WebhookPayloads.Push(BotHarness.Repository, "main", new string('1', 40), new string('3', 40), bot.Repo.Root));
        await bot.DrainedAsync();

        Assert.Equal(["octo-org/taxonomy contribbot-build.yml main"], bot.GitHub.Dispatches);
    }

    [Fact]
    public async Task A_rerequested_check_run_checks_the_pull_request_again()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.OpenPullRequestAsync();
        await bot.UntilAsync(() => bot.GitHub.Comments.Count > 0, "the first comment");
        await bot.DrainedAsync();

        await bot.DeliverAsync("check_run", WebhookPayloads.CheckRunRerequested(BotHarness.Repository, 12, bot.HeadSha, bot.Repo.Root, bot.GitHub.CheckRuns.Single().Id));
        await bot.UntilAsync(() => bot.GitHub.Comments.Single().Edits > 0, "the comment updated");
        await bot.DrainedAsync();

        Assert.Equal(2, bot.Service.Context.Metrics.JobCount("preview", "done"));
        Assert.Single(bot.GitHub.CheckRuns);
    }

    [Fact]
    public async Task Shutdown_gives_a_job_that_cannot_finish_in_time_back_and_the_next_start_finishes_it_once()
    {
        await using var bot = await BotHarness.StartAsync(o => o with { ShutdownGrace = TimeSpan.FromMilliseconds(200), Workers = 1 });
        var (entered, hold) = bot.HoldNextCheckRunUpdate();
        using var _ = entered;
        using var __ = hold;
        await bot.OpenPullRequestAsync();
        await bot.UntilAsync(() => entered.IsSet, "the preview to start");

        var stopping = bot.Service.StopAsync();
        await Task.Delay(500);
        hold.Set();
        await stopping;
        var counts = await bot.Service.Context.Jobs.CountsAsync();
        Assert.Equal(1, counts.GetValueOrDefault("queued"));

        await bot.RestartServiceAsync();
        await bot.UntilAsync(() => bot.GitHub.Comments.Count > 0, "the released job finished after the restart");
        await bot.DrainedAsync();
        Assert.Single(bot.GitHub.Comments);
        Assert.Single(bot.GitHub.CheckRuns);
    }
}
