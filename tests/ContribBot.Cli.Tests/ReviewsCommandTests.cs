using ContribBot.Core.Quality.Review;
using ContribBot.Core.Reports.Preview;
using ContribBot.GitHub;
using ContribBot.Testing;
using ContribBot.Testing.FakeGitHub;

namespace ContribBot.Cli.Tests;

/// <summary><c>contribbot reviews collect</c> against the fake GitHub: verdicts from the bot's comments on merged pull requests, and nothing else.</summary>
public sealed class ReviewsCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _work = new();
    private FakeGitHubServer _github = null!;

    public async Task InitializeAsync() => _github = await FakeGitHubServer.StartAsync();

    public async Task DisposeAsync() => await _github.DisposeAsync();

    public void Dispose() => _work.Dispose();

    private static ReviewedSample Verdict(string id, bool good, string reviewer = "lead", int minutes = 0) =>
        new("compositional_skills/math/addition", 1, $"What is {id}?", $"The answer to {id}.", CriticKept: true, good, reviewer,
            new DateTimeOffset(2026, 12, 3, 10, minutes, 0, TimeSpan.Zero)) { SampleId = id, PullRequest = "somewhere/else#1" };

    private static string Comment(params ReviewedSample[] reviews) => StickyComment.Marker + "\n### ContribBot preview\n\n" + ReviewCarrier.Block(reviews) + "\n";

    private Dictionary<string, string> Environment() => new()
    {
        ["GITHUB_TOKEN"] = "test-token", ["GITHUB_API_URL"] = _github.BaseUrl.ToString(), ["GITHUB_REPOSITORY"] = "octo-org/taxonomy",
    };

    [Fact]
    public async Task Collect_reads_the_bots_comments_of_pull_requests_merged_since_the_date_and_keeps_each_samples_latest_verdict()
    {
        _github.AddMergedPullRequest(12, new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        _github.AddComment(Comment(Verdict("s1", good: false), Verdict("s2", good: true), Verdict("s1", good: true, minutes: 30)), "contribbot[bot]", "Bot", issue: 12);
        _github.AddMergedPullRequest(13, new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        _github.AddComment(Comment(Verdict("s7", good: false, reviewer: "mallory")), "mallory", "User", issue: 13); // a person quoting the block
        _github.AddMergedPullRequest(9, new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        _github.AddComment(Comment(Verdict("s9", good: false)), "contribbot[bot]", "Bot", issue: 9); // merged before --since
        var output = _work.Combine("reviews.jsonl");

        var run = await CliRun.RunWithEnvironmentAsync(Environment(), "reviews", "collect", "--since", "2026-12-01", "--out", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 verdict(s) (0 bad) from 1 of 2 merged pull request(s) written to", run.Stderr, StringComparison.Ordinal);
        var reviews = await ReviewsFile.ReadAsync(output, CancellationToken.None);
        Assert.Equal([("s2", true), ("s1", true)], reviews.Select(r => (r.SampleId!, r.Good)));
        Assert.All(reviews, r => Assert.Equal("octo-org/taxonomy#12", r.PullRequest));
    }

    [Fact]
    public async Task Collect_with_authors_named_reads_only_their_comments_and_without_a_token_says_what_to_set()
    {
        _github.AddMergedPullRequest(12, DateTimeOffset.UtcNow);
        _github.AddComment(Comment(Verdict("s1", good: false)), "other-app[bot]", "Bot", issue: 12);
        _github.AddComment(Comment(Verdict("s2", good: false)), "github-actions[bot]", "Bot", issue: 12);
        var output = _work.Combine("reviews.jsonl");

        var run = await CliRun.RunWithEnvironmentAsync(Environment(), "reviews", "collect", "--author", "github-actions[bot]", "--out", output);
        var noToken = await CliRun.RunWithEnvironmentAsync(new Dictionary<string, string> { ["GITHUB_REPOSITORY"] = "octo-org/taxonomy" }, "reviews", "collect");
        var badDate = await CliRun.RunWithEnvironmentAsync(Environment(), "reviews", "collect", "--since", "last tuesday");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["s2"], (await ReviewsFile.ReadAsync(output, CancellationToken.None)).Select(r => r.SampleId));
        Assert.Equal(2, noToken.ExitCode);
        Assert.Contains("GITHUB_TOKEN is not set", noToken.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badDate.ExitCode);
        Assert.Contains("--since 'last tuesday' is not a date", badDate.Stderr, StringComparison.Ordinal);
    }
}
