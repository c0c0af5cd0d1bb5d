using System.Net;
using ContribBot.GitHub;
using ContribBot.Testing.FakeGitHub;

namespace ContribBot.Bot.Tests;

/// <summary>The App from a signed delivery to a check run and one comment, against the fake GitHub.</summary>
public sealed class AppEndToEndTests
{
    [Fact]
    public async Task A_signed_pull_request_delivery_ends_in_a_completed_check_run_and_one_comment()
    {
        await using var bot = await BotHarness.StartAsync(broken: true);

        using var response = await bot.OpenPullRequestAsync();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await bot.UntilAsync(() => bot.GitHub.CheckRuns.Any(r => r.Status == "completed") && bot.GitHub.Comments.Count > 0, "the check run and comment");
        await bot.DrainedAsync();

        var run = Assert.Single(bot.GitHub.CheckRuns);
        Assert.Equal((PullRequestPublisher.CheckName, bot.HeadSha, "completed", "failure"), (run.Name, run.HeadSha, run.Status, run.Conclusion));
        Assert.Contains(run.Annotations, a => a["path"]!.GetValue<string>() == "compositional_skills/math/broken/qna.yaml");
        // Queued at once, then in progress, then completed with the report.
        Assert.Equal(["queued", "in_progress", "completed"], bot.GitHub.CheckRunBodies.Select(b => b["status"]?.GetValue<string>()).OfType<string>().Distinct());
        var comment = Assert.Single(bot.GitHub.Comments);
        Assert.StartsWith(StickyComment.Marker, comment.Body, StringComparison.Ordinal);
        Assert.Contains("compositional_skills/math/broken/qna.yaml", comment.Body, StringComparison.Ordinal);
        Assert.Equal("contribbot[bot]", comment.Login);
        // Every repository call spoke as the installation, with a token the fake issued.
        Assert.Equal([BotHarness.Installation], bot.GitHub.TokenRequests.Distinct());
    }

    [Fact]
    public async Task A_replayed_delivery_is_answered_200_and_checked_once()
    {
        await using var bot = await BotHarness.StartAsync();

        using var first = await bot.OpenPullRequestAsync(delivery: "same-id");
        using var replay = await bot.OpenPullRequestAsync(delivery: "same-id");
        await bot.UntilAsync(() => bot.GitHub.Comments.Count > 0, "the comment");
        await bot.DrainedAsync();

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.OK), (first.StatusCode, replay.StatusCode));
        Assert.Single(bot.GitHub.CheckRuns);
        Assert.Equal(1, bot.GitHub.Comments.Single().Edits + 1);
    }

    [Fact]
    public async Task A_second_push_event_for_the_same_commit_updates_the_same_check_run_and_comment()
    {
        await using var bot = await BotHarness.StartAsync();

        await bot.OpenPullRequestAsync();
        await bot.UntilAsync(() => bot.GitHub.Comments.Count > 0, "the first comment");
        await bot.DrainedAsync();
        await bot.OpenPullRequestAsync("reopened");
        await bot.UntilAsync(() => bot.GitHub.Comments.Single().Edits > 0, "the comment edited");
        await bot.DrainedAsync();

        Assert.Single(bot.GitHub.CheckRuns);
        Assert.Single(bot.GitHub.Comments);
    }

    [Fact]
    public async Task Health_and_metrics_answer_in_their_formats()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.OpenPullRequestAsync();
        await bot.UntilAsync(() => bot.GitHub.Comments.Count > 0, "the comment");
        await bot.DrainedAsync();

        Assert.Equal("ok", await bot.GetAsync("/healthz"));
        var metrics = await bot.GetAsync("/metrics");
        Assert.Contains("contribbot_webhook_deliveries_total{outcome=\"queued\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("contribbot_jobs_total{kind=\"preview\",outcome=\"done\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("contribbot_queue_jobs{state=\"done\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE contribbot_job_duration_seconds summary", metrics, StringComparison.Ordinal);
    }
}
