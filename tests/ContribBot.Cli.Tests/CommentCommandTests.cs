using System.IO.Compression;
using ContribBot.Core.Reports.Preview;
using ContribBot.GitHub;
using ContribBot.Testing;
using ContribBot.Testing.FakeGitHub;
using ContribBot.Testing.FakeOpenAi;

namespace ContribBot.Cli.Tests;

/// <summary>
/// <c>contribbot command</c>, the Action's issue_comment workflow: the App's commands and reviews against the fake
/// GitHub, from a checkout of the base branch with the pull request's head fetched into it, the teacher the fake one.
/// </summary>
public sealed class CommentCommandTests : IAsyncLifetime, IDisposable
{
    private const string Repository = "octo-org/taxonomy";
    private readonly TaxonomyRepoFixture _repo = new();
    private readonly TempDirectory _work = new();
    private FakeGitHubServer _github = null!;
    private FakeOpenAiServer _teacher = null!;
    private long _nextComment = 700;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync();
        _teacher = await FakeOpenAiServer.StartAsync();
        _repo.WriteFile("README.md", "taxonomy\n");
        _github.BaseSha = _repo.Commit("Start");
        _repo.Branch("contribution");
        _repo.Checkout("contribution");
        _repo.WriteLeaf("compositional_skills/math/addition", SampleLeaves.FreeformSkill);
        _github.HeadSha = _repo.Commit("Add a leaf");
        _repo.Checkout("main");
    }

    public async Task DisposeAsync()
    {
        await _github.DisposeAsync();
        await _teacher.DisposeAsync();
    }

    public void Dispose()
    {
        _repo.Dispose();
        _work.Dispose();
    }

    private Task<CliRun> CommentAsync(string body, string association = "MEMBER", string login = "maintainer", params string[] extra) =>
        RunAsync(WebhookPayloads.IssueComment(Repository, 12, ++_nextComment, body, login, association, _repo.Root), extra);

    private async Task<CliRun> RunAsync(string payload, params string[] extra)
    {
        var file = _work.Combine($"event-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, payload);
        return await CliRun.RunWithEnvironmentAsync(new Dictionary<string, string>
        {
            ["GITHUB_TOKEN"] = "workflow-token", ["GITHUB_API_URL"] = _github.BaseUrl.ToString(), ["GITHUB_EVENT_PATH"] = file, ["GITHUB_EVENT_NAME"] = "issue_comment",
            ["CONTRIBBOT_TEACHER_URL"] = _teacher.BaseUrl.ToString(), ["CONTRIBBOT_MODEL"] = "teacher-1", ["CONTRIBBOT_CACHE_DIR"] = _work.Combine("cache"),
        }, ["command", "--taxonomy", _repo.Root, "--out", _work.Combine("report"), "--allow-local-repos", .. extra]);
    }

    /// <summary>The report folder a preview wrote, uploaded as the contribbot-report artifact of the head commit.</summary>
    private void UploadReport()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(_work.Combine("report"))) archive.CreateEntryFromFile(file, Path.GetFileName(file));
        }

        _github.AddArtifact(ReportArtifacts.ArtifactName, _github.HeadSha, zip.ToArray());
    }

    private FakeComment Sticky => Assert.Single(_github.Comments, c => c.Body.StartsWith(StickyComment.Marker, StringComparison.Ordinal));

    [Fact]
    public async Task Help_is_answered_with_a_reaction_and_a_stranger_gets_one_polite_reply_and_nothing_else()
    {
        var help = await CommentAsync("/contribbot help");
        var stranger = await CommentAsync("/contribbot preview", "CONTRIBUTOR", "drive-by");
        var chatter = await CommentAsync("Looks good to me!");

        Assert.Equal((0, 0, 0), (help.ExitCode, stranger.ExitCode, chatter.ExitCode));
        Assert.Contains(_github.Comments, c => c.Body == Bot.Comments.CommentCommand.HelpText);
        Assert.Contains(_github.Comments, c => c.Body.StartsWith("Thank you, @drive-by. ContribBot takes commands", StringComparison.Ordinal));
        Assert.Equal(2, _github.Comments.Count);
        Assert.Single(_github.Reactions);
        Assert.Empty(_github.CheckRuns);
        Assert.Empty(_teacher.Calls);
        Assert.Contains("No command in the comment", chatter.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_from_a_comment_checks_the_head_commit_publishes_the_check_run_and_one_comment_with_review_boxes_and_writes_the_report()
    {
        var run = await CommentAsync("/contribbot preview --samples 2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Previewed", run.Stdout, StringComparison.Ordinal);
        var checkRun = Assert.Single(_github.CheckRuns);
        Assert.Equal((_github.HeadSha, "completed", "success"), (checkRun.HeadSha, checkRun.Status, checkRun.Conclusion));
        Assert.Contains("- [ ] `s1` good\n- [ ] `s1` bad\n", Sticky.Body, StringComparison.Ordinal);
        Assert.Contains("compositional_skills/math/addition", Sticky.Body, StringComparison.Ordinal);
        Assert.True(File.Exists(_work.Combine("report/report.json")));
        Assert.NotEmpty(_teacher.Calls);
        Assert.Single(_github.Reactions);
    }

    [Fact]
    public async Task A_review_and_a_ticked_box_are_carried_in_the_comment_and_survive_the_next_publish()
    {
        await CommentAsync("/contribbot preview --samples 2");
        UploadReport();

        var review = await CommentAsync("/contribbot review s1:bad \"a sum of the wrong numbers\"", "OWNER", "lead");
        var before = Sticky.Body;
        _github.SetPermission("second", "write");
        var tick = await RunAsync(WebhookPayloads.IssueComment(Repository, 12, Sticky.Id, before.Replace("- [ ] `s2` good", "- [x] `s2` good", StringComparison.Ordinal),
            "github-actions[bot]", "NONE", _repo.Root, action: "edited", userType: "Bot", previousBody: before, sender: "second"));
        var republish = await CliRun.RunWithEnvironmentAsync(new Dictionary<string, string>
        {
            ["GITHUB_TOKEN"] = "workflow-token", ["GITHUB_API_URL"] = _github.BaseUrl.ToString(), ["GITHUB_REPOSITORY"] = Repository,
        }, "pr", "--pr", "12", "--report", _work.Combine("report"), "--taxonomy", _repo.Root, "--no-check");

        Assert.Equal((0, 0, 0), (review.ExitCode, tick.ExitCode, republish.ExitCode));
        Assert.Contains("Recorded 1 verdict(s) by lead: s1 bad", review.Stdout, StringComparison.Ordinal);
        Assert.Contains("Recorded 1 verdict(s) by second: s2 good", tick.Stdout, StringComparison.Ordinal);
        var carried = ReviewCarrier.Read(Sticky.Body);
        Assert.Equal([("s1", false, "lead", "a sum of the wrong numbers"), ("s2", true, "second", null)],
            carried.Select(r => (r.SampleId, r.Good, r.Reviewer, r.Reason)));
        Assert.All(carried, r => Assert.Equal("compositional_skills/math/addition", r.Leaf));
        Assert.Single(_github.CheckRuns); // a review changes the comment, not the check run
        Assert.Contains("2 sample(s) reviewed: 1 good, 1 bad", Sticky.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reviews_without_a_report_or_naming_unknown_samples_and_ticks_without_write_permission_record_nothing()
    {
        var noReport = await CommentAsync("/contribbot review s1:bad");
        await CommentAsync("/contribbot preview --samples 2");
        UploadReport();
        var unknown = await CommentAsync("/contribbot review s999:good");
        var before = Sticky.Body;
        var tick = await RunAsync(WebhookPayloads.IssueComment(Repository, 12, Sticky.Id, before.Replace("- [ ] `s1` bad", "- [x] `s1` bad", StringComparison.Ordinal),
            "github-actions[bot]", "NONE", _repo.Root, action: "edited", userType: "Bot", previousBody: before, sender: "reader"));

        Assert.Contains("Not recorded: no report artifact", noReport.Stdout, StringComparison.Ordinal);
        Assert.Contains(_github.Comments, c => c.Body == Bot.Comments.CommentTriage.NoPreview);
        Assert.Contains("Not recorded: the preview has no sample s999", unknown.Stdout, StringComparison.Ordinal);
        Assert.Contains("ignored: their permission is read", tick.Stdout, StringComparison.Ordinal);
        Assert.Empty(ReviewCarrier.Read(Sticky.Body));
    }

    [Fact]
    public async Task Commands_past_the_hourly_limit_get_one_reply_and_are_not_run()
    {
        for (var i = 0; i < 2; i++) _github.AddComment("/contribbot validate", "maintainer", "User", issue: 12, createdAt: DateTimeOffset.UtcNow.AddMinutes(-10), association: "MEMBER");
        _github.AddComment("/contribbot validate", "maintainer", "User", issue: 12, createdAt: DateTimeOffset.UtcNow.AddHours(-2), association: "MEMBER");

        // This comment is the third in the hour (GitHub lists it with the others when the workflow runs).
        _github.AddComment("/contribbot preview", "maintainer", "User", issue: 12, createdAt: DateTimeOffset.UtcNow, association: "MEMBER");
        var run = await CommentAsync("/contribbot preview", extra: ["--commands-per-hour", "2"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("too many commands", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(_github.Comments, c => c.Body.Contains("has had 2 commands in the last hour", StringComparison.Ordinal));
        Assert.Empty(_github.CheckRuns);
    }

    [Fact]
    public async Task Without_an_event_or_on_another_event_it_says_what_is_wrong()
    {
        var none = await CliRun.RunWithEnvironmentAsync(new Dictionary<string, string> { ["GITHUB_TOKEN"] = "t" }, "command");
        var file = _work.Combine("push.json");
        await File.WriteAllTextAsync(file, "{}");
        var push = await CliRun.RunWithEnvironmentAsync(new Dictionary<string, string> { ["GITHUB_TOKEN"] = "t", ["GITHUB_EVENT_PATH"] = file, ["GITHUB_EVENT_NAME"] = "push" }, "command");
        var garbage = await CliRun.RunWithEnvironmentAsync(new Dictionary<string, string> { ["GITHUB_TOKEN"] = "t", ["GITHUB_EVENT_PATH"] = file, ["GITHUB_API_URL"] = _github.BaseUrl.ToString() }, "command");

        Assert.Equal((2, 2, 2), (none.ExitCode, push.ExitCode, garbage.ExitCode));
        Assert.Contains("no event: pass --event FILE", none.Stderr, StringComparison.Ordinal);
        Assert.Contains("this runs on issue_comment events, not push", push.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: the issue_comment payload is not one GitHub sends", garbage.Stderr, StringComparison.Ordinal);
    }
}
