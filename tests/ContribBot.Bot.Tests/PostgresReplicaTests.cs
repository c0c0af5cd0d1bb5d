using System.Net;
using ContribBot.Testing.FakeGitHub;

namespace ContribBot.Bot.Tests;

/// <summary>
/// Several instances of the App on one PostgreSQL queue, as behind a load balancer: a delivery is stored once whichever
/// instance gets it (and however often), and each job is done by exactly one of them.
/// </summary>
public sealed class PostgresReplicaTests
{
    [SkippableFact]
    public async Task Two_replicas_on_one_PostgreSQL_queue_store_each_delivery_once_and_do_each_job_once()
    {
        Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
        await using var bot = await BotHarness.StartAsync(database: await PostgresServer.NewDatabaseAsync());
        var replica = await bot.StartReplicaAsync("replica-b");

        // GitHub delivers to whichever instance the balancer picks; a retry of the same delivery may land on the other.
        using var first = await bot.OpenPullRequestAsync(delivery: "pr-delivery");
        using var again = await bot.DeliverAsync("pull_request", WebhookPayloads.PullRequest("opened", BotHarness.Repository, 12, bot.HeadSha, bot.Repo.Root),
            "pr-delivery", replica);
        var comments = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var response = await bot.DeliverAsync("issue_comment",
                WebhookPayloads.IssueComment(BotHarness.Repository, 12, 5000 + i, $"thanks, looks good ({i})", "reviewer", "MEMBER", bot.Repo.Root), $"c-{i}",
                i % 2 == 0 ? bot.Service : replica);
            comments.Add(response.StatusCode);
        }

        await bot.UntilAsync(() => bot.GitHub.CheckRuns.Any(r => r.Status == "completed") && bot.GitHub.Comments.Count > 0, "the check run and comment");
        await bot.DrainedAsync();

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.All(comments, status => Assert.Equal(HttpStatusCode.Accepted, status));
        var counts = await replica.Context.Jobs.CountsAsync();
        // 41 deliveries: the pull request's (its preview is one more job) and 40 comments. Each done once, none retried.
        Assert.Equal(42, counts["done"]);
        Assert.Equal(["done"], counts.Keys);
        Assert.Single(bot.GitHub.CheckRuns);
        var comment = Assert.Single(bot.GitHub.Comments);
        Assert.Equal(0, comment.Edits);
    }
}
