using ContribBot.Bot.Comments;
using ContribBot.Testing.FakeGitHub;
using ContribBot.Testing.FakeOpenAi;

namespace ContribBot.Bot.Tests;

/// <summary>Comment commands and sample reviews through the running App.</summary>
public sealed class AppCommandTests
{
    private static async Task<BotHarness> ReviewedPullRequestAsync(FakeOpenAiServer? teacher = null, Func<Hosting.BotOptions, Hosting.BotOptions>? configure = null)
    {
        var bot = await BotHarness.StartAsync(configure, teacherUrl: teacher?.BaseUrl);
        await bot.OpenPullRequestAsync();
        await bot.UntilAsync(() => bot.GitHub.Comments.Count > 0, "the preview comment");
        await bot.DrainedAsync();
        return bot;
    }

    [Fact]
    public async Task Help_from_a_member_is_answered_and_the_command_gets_a_reaction()
    {
        await using var bot = await BotHarness.StartAsync();

        await bot.CommentAsync("/contribbot help", "MEMBER", id: 901);
        await bot.UntilAsync(() => bot.GitHub.Reactions.Count > 0, "the reaction");

        Assert.Equal([(901L, "+1")], bot.GitHub.Reactions);
        Assert.Contains(bot.GitHub.Comments, c => c.Body == CommentCommand.HelpText);
    }

    [Fact]
    public async Task A_command_from_someone_without_a_trusted_association_gets_one_polite_reply_and_nothing_runs()
    {
        await using var bot = await BotHarness.StartAsync();

        await bot.CommentAsync("/contribbot preview --samples 50", "CONTRIBUTOR", login: "drive-by");
        await bot.UntilAsync(() => bot.GitHub.Comments.Count > 0, "the reply");
        await bot.DrainedAsync();

        var reply = Assert.Single(bot.GitHub.Comments);
        Assert.StartsWith("Thank you, @drive-by. ContribBot takes commands and sample reviews only from", reply.Body, StringComparison.Ordinal);
        Assert.Empty(bot.GitHub.Reactions);
        Assert.Empty(bot.GitHub.CheckRuns);
    }

    [Fact]
    public async Task A_comment_by_a_bot_is_never_a_command()
    {
        await using var bot = await BotHarness.StartAsync();

        await bot.DeliverAsync("issue_comment", Testing.FakeGitHub.WebhookPayloads.IssueComment(BotHarness.Repository, 12, 5, "/contribbot help", "contribbot[bot]", "NONE",
            bot.Repo.Root, userType: "Bot"));
        await bot.DrainedAsync();

        Assert.Empty(bot.GitHub.Comments);
    }

    [Fact]
    public async Task Validate_checks_the_head_again_on_the_same_check_run_and_comment()
    {
        await using var bot = await ReviewedPullRequestAsync();

        await bot.CommentAsync("/contribbot validate");
        await bot.UntilAsync(() => bot.GitHub.Comments.Single(c => c.Login == "contribbot[bot]").Edits > 0, "the comment updated");
        await bot.DrainedAsync();

        Assert.Single(bot.GitHub.CheckRuns);
        Assert.Equal("completed", bot.GitHub.CheckRuns.Single().Status);
        Assert.Single(bot.GitHub.Reactions);
    }

    [Fact]
    public async Task Commands_beyond_the_hourly_limit_of_a_pull_request_are_declined()
    {
        await using var bot = await BotHarness.StartAsync(o => o with { CommandsPerHour = 2 });

        for (var i = 0; i < 3; i++)
        {
            await bot.CommentAsync("/contribbot validate", id: 900 + i);
            await bot.DrainedAsync();
        }

        Assert.Equal(2, bot.GitHub.Reactions.Count);
        Assert.Contains(bot.GitHub.Comments, c => c.Body.Contains("has had 2 commands in the last hour", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_review_stores_each_verdict_with_its_reviewer_and_shows_them_with_the_critic_agreement()
    {
        await using var teacher = await FakeOpenAiServer.StartAsync();
        await using var bot = await ReviewedPullRequestAsync(teacher);
        var sticky = bot.GitHub.Comments.Single();
        Assert.Contains("`s1`", sticky.Body, StringComparison.Ordinal);

        await bot.CommentAsync("/contribbot review s1:bad s2:good \"too close to the seed\"", "OWNER", login: "lead");
        await bot.UntilAsync(() => bot.GitHub.Comments.Single(c => c.Id == sticky.Id).Body.Contains("### Human review", StringComparison.Ordinal), "the review shown");
        await bot.DrainedAsync();

        var verdicts = await bot.Service.Context.Records.ReviewsAsync("octo-org/taxonomy#12");
        Assert.Equal([("s1", false, "lead"), ("s2", true, "lead")], verdicts.Select(v => (v.SampleId, v.Good, v.Reviewer)));
        Assert.All(verdicts, v => Assert.Equal("too close to the seed", v.Reason));
        var body = bot.GitHub.Comments.Single(c => c.Id == sticky.Id).Body;
        Assert.Contains("2 sample(s) reviewed: 1 good, 1 bad", body, StringComparison.Ordinal);
        Assert.Contains("too close to the seed", body, StringComparison.Ordinal);
        Assert.Single(bot.GitHub.Reactions);
    }

    [Fact]
    public async Task The_comment_carries_the_verdicts_with_their_samples_and_after_the_merge_only_the_bots_comment_is_collected()
    {
        await using var teacher = await FakeOpenAiServer.StartAsync();
        await using var bot = await ReviewedPullRequestAsync(teacher);
        var sticky = bot.GitHub.Comments.Single();
        await bot.CommentAsync("/contribbot review s1:bad \"answers a different sum\"", "OWNER", login: "lead");
        await bot.UntilAsync(() => bot.GitHub.Comments.Single(c => c.Id == sticky.Id).Body.Contains("### Human review", StringComparison.Ordinal), "the review shown");
        await bot.DrainedAsync();
        var body = bot.GitHub.Comments.Single(c => c.Id == sticky.Id).Body;
        // Someone quotes the block in a comment of their own, with a verdict of their own making.
        var forged = Core.Reports.Preview.ReviewCarrier.Block([new Core.Quality.Review.ReviewedSample("compositional_skills/math/addition", 0, "q", "a", true, false, "mallory", DateTimeOffset.UnixEpoch)]);
        bot.GitHub.AddComment(GitHub.StickyComment.Marker + "\n" + forged, "mallory", "User", issue: 12);
        bot.GitHub.AddMergedPullRequest(12, DateTimeOffset.UtcNow);
        var (client, _) = await bot.Service.Context.Tokens.ForRepositoryAsync("octo-org", "taxonomy", BotHarness.Installation, CancellationToken.None);

        var gathered = await new GitHub.ReviewCollector(client, new GitHub.GitHubRetry()).CollectAsync("octo-org", "taxonomy", null, new HashSet<string>(), 10, CancellationToken.None);

        var review = Assert.Single(gathered.Reviews);
        var preview = (await Work.ReportPublishing.ReadAsync((await bot.Service.Context.Records.ReportAsync("octo-org/taxonomy#12"))!.Value.Report, CancellationToken.None)).Preview!;
        var s1 = Core.Reports.Preview.SampleIds.Find(preview, "s1")!;
        Assert.Equal(("compositional_skills/math/addition", s1.Provenance.Seed, s1.Question, s1.Answer, s1.Kept, false, "lead", "answers a different sum", "octo-org/taxonomy#12", "s1"),
            (review.Leaf, review.Seed, review.Question, review.Answer, review.CriticKept, review.Good, review.Reviewer, review.Reason, review.PullRequest, review.SampleId));
        Assert.Equal((1, 1), (gathered.PullRequestsRead, gathered.PullRequestsWithReviews));
        Assert.DoesNotContain("answers a different sum\"", body[body.IndexOf(Core.Reports.Preview.ReviewCarrier.Opening, StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    /// <summary>What GitHub sends when <paramref name="editor"/> ticks a box in the bot's comment: an edit of it, with the body before and after.</summary>
    private static Task<HttpResponseMessage> TickAsync(BotHarness bot, FakeComment sticky, string box, string editor, string editorType = "User")
    {
        var ticked = sticky.Body.Replace("- [ ] " + box, "- [x] " + box, StringComparison.Ordinal);
        Assert.NotEqual(sticky.Body, ticked);
        return bot.DeliverAsync("issue_comment", WebhookPayloads.IssueComment(BotHarness.Repository, 12, sticky.Id, ticked, "contribbot[bot]", "NONE", bot.Repo.Root,
            action: "edited", userType: "Bot", previousBody: sticky.Body, sender: editor, senderType: editorType));
    }

    [Fact]
    public async Task Ticking_a_review_box_records_the_editors_verdict_and_the_comment_shows_it_ticked()
    {
        await using var teacher = await FakeOpenAiServer.StartAsync();
        await using var bot = await ReviewedPullRequestAsync(teacher);
        var sticky = bot.GitHub.Comments.Single();
        Assert.Contains("- [ ] `s1` good\n- [ ] `s1` bad\n", sticky.Body, StringComparison.Ordinal);
        bot.GitHub.SetPermission("lead", "maintain");

        await TickAsync(bot, sticky, "`s1` bad", "lead");
        await bot.UntilAsync(() => bot.GitHub.Comments.Single(c => c.Id == sticky.Id).Body.Contains("1 sample(s) reviewed", StringComparison.Ordinal), "the review shown");
        await bot.DrainedAsync();

        var verdict = Assert.Single(await bot.Service.Context.Records.ReviewsAsync("octo-org/taxonomy#12"));
        Assert.Equal(("s1", false, "lead", (string?)null), (verdict.SampleId, verdict.Good, verdict.Reviewer, verdict.Reason));
        var body = bot.GitHub.Comments.Single(c => c.Id == sticky.Id).Body;
        Assert.Contains("- [ ] `s1` good\n- [x] `s1` bad\n", body, StringComparison.Ordinal);
        Assert.Contains("- [ ] `s2` good\n- [ ] `s2` bad\n", body, StringComparison.Ordinal);
        Assert.Single(bot.GitHub.Comments); // the comment edited in place, no reply
    }

    [Fact]
    public async Task Boxes_ticked_by_someone_without_write_permission_or_by_a_bot_record_nothing()
    {
        await using var teacher = await FakeOpenAiServer.StartAsync();
        await using var bot = await ReviewedPullRequestAsync(teacher);
        var sticky = bot.GitHub.Comments.Single();
        bot.GitHub.SetPermission("helper", "triage");

        await TickAsync(bot, sticky, "`s1` bad", "helper");
        await TickAsync(bot, sticky, "`s2` good", "other-app[bot]", "Bot");
        await TickAsync(bot, sticky, "`s3` good", "passer-by");
        await bot.DrainedAsync();

        Assert.Empty(await bot.Service.Context.Records.ReviewsAsync("octo-org/taxonomy#12"));
        Assert.Equal(0, bot.GitHub.Comments.Single().Edits);
        Assert.Equal(2, bot.GitHub.Requests.Count(r => r.EndsWith("/permission", StringComparison.Ordinal))); // asked for the two people, not the bot
    }

    [Fact]
    public async Task After_a_new_push_the_verdicts_on_the_old_preview_are_counted_and_carried_not_shown_against_the_new_samples()
    {
        await using var teacher = await FakeOpenAiServer.StartAsync();
        await using var bot = await ReviewedPullRequestAsync(teacher);
        var sticky = bot.GitHub.Comments.Single();
        await bot.CommentAsync("/contribbot review s1:bad", "OWNER", login: "lead");
        await bot.UntilAsync(() => bot.GitHub.Comments.Single(c => c.Id == sticky.Id).Body.Contains("1 sample(s) reviewed", StringComparison.Ordinal), "the review shown");
        await bot.DrainedAsync();

        bot.AddCommitToPullRequest();
        await bot.OpenPullRequestAsync("synchronize");
        await bot.UntilAsync(() => bot.GitHub.Comments.Single(c => c.Id == sticky.Id).Body.Contains("earlier previews", StringComparison.Ordinal), "the new preview");
        await bot.DrainedAsync();

        var body = bot.GitHub.Comments.Single(c => c.Id == sticky.Id).Body;
        Assert.Contains("No sample of this preview has been reviewed yet", body, StringComparison.Ordinal);
        Assert.Contains("1 verdict(s) on earlier previews of this pull request are kept for the dataset build.", body, StringComparison.Ordinal);
        Assert.Contains("- [ ] `s1` good\n- [ ] `s1` bad\n", body, StringComparison.Ordinal);
        var carried = Assert.Single(Core.Reports.Preview.ReviewCarrier.Read(body));
        Assert.Equal(("s1", false, "lead"), (carried.SampleId, carried.Good, carried.Reviewer));
    }

    [Fact]
    public async Task A_review_naming_a_sample_the_preview_does_not_have_records_nothing()
    {
        await using var teacher = await FakeOpenAiServer.StartAsync();
        await using var bot = await ReviewedPullRequestAsync(teacher);

        await bot.CommentAsync("/contribbot review s1:good s999:bad");
        await bot.UntilAsync(() => bot.GitHub.Comments.Any(c => c.Body.Contains("has no sample `s999`", StringComparison.Ordinal)), "the reply");
        await bot.DrainedAsync();

        Assert.Empty(await bot.Service.Context.Records.ReviewsAsync("octo-org/taxonomy#12"));
        Assert.Empty(bot.GitHub.Reactions);
    }

    [Fact]
    public async Task A_review_from_someone_without_a_trusted_association_is_ignored()
    {
        await using var teacher = await FakeOpenAiServer.StartAsync();
        await using var bot = await ReviewedPullRequestAsync(teacher);

        await bot.CommentAsync("/contribbot review s1:bad", "NONE", login: "passer-by");
        await bot.UntilAsync(() => bot.GitHub.Comments.Count == 2, "the reply");
        await bot.DrainedAsync();

        Assert.Empty(await bot.Service.Context.Records.ReviewsAsync("octo-org/taxonomy#12"));
        Assert.Contains("No sample of this preview has been reviewed yet", bot.GitHub.Comments[0].Body, StringComparison.Ordinal);
    }
}
