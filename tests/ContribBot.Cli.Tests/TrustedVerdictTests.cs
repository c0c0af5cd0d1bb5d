using ContribBot.Testing;
using ContribBot.Testing.FakeGitHub;

namespace ContribBot.Cli.Tests;

/// <summary>
/// `contribbot pr --taxonomy`: the publish workflow computes the verdict itself from git objects, so a report folder
/// from a fork's workflow run (which the fork controls whole) cannot change the check run.
/// </summary>
public sealed class TrustedVerdictTests : IAsyncLifetime, IDisposable
{
    private const string Broken = "compositional_skills/math/broken";
    private readonly TaxonomyRepoFixture _repo = new();
    private readonly TempDirectory _work = new();
    private FakeGitHubServer _github = null!;
    private string _head = string.Empty;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync();
        _repo.WriteLeaf("compositional_skills/math/addition", SampleLeaves.FreeformSkill);
        _github.BaseSha = _repo.Commit("Initial taxonomy");
        _repo.Branch("contribution");
        _repo.WriteLeaf(Broken, SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: yes", StringComparison.Ordinal));
        _repo.WriteLeaf("compositional_skills/math/geometry", SampleLeaves.FreeformSkill.Replace("arithmetic", "geometry", StringComparison.Ordinal));
        _head = _github.HeadSha = _repo.Commit("Add two leaves, one broken");
        // The publish workflow's checkout is the base branch, with the pull request's head fetched into its objects.
        _repo.Checkout("main");
    }

    public async Task DisposeAsync() => await _github.DisposeAsync();

    public void Dispose()
    {
        _repo.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task A_report_with_its_diagnostics_removed_still_publishes_the_failure_our_own_check_finds()
    {
        var report = Forged("""{"diagnostics": [], "files": []}""");

        var run = await Publish(report);

        Assert.Equal((0, ""), (run.ExitCode, run.ExitCode == 0 ? Bug(run) : run.Stderr));
        var checkRun = Assert.Single(_github.CheckRuns);
        Assert.Equal("failure", checkRun.Conclusion);
        Assert.NotEmpty(checkRun.Annotations);
        Assert.All(checkRun.Annotations, annotation => Assert.Equal($"{Broken}/qna.yaml", annotation["path"]!.GetValue<string>()));
        Assert.Contains("❌ Validation failed", Assert.Single(_github.Comments).Body, StringComparison.Ordinal);
        Assert.Contains("Checking changes between", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Annotations_a_report_puts_on_other_files_are_never_sent()
    {
        var report = Forged("""
            {"diagnostics": [
              {"code": "CB0101", "severity": "error", "file": "README.md", "line": 1, "column": 1, "message": "forged", "hint": ""},
              {"code": "CB0101", "severity": "error", "file": "compositional_skills/math/addition/qna.yaml", "line": 2, "column": 1, "message": "forged", "hint": ""}
            ], "files": []}
            """);

        var run = await Publish(report);

        Assert.Equal(0, run.ExitCode);
        var checkRun = Assert.Single(_github.CheckRuns);
        Assert.DoesNotContain(checkRun.Annotations, annotation => annotation["message"]!.GetValue<string>().Contains("forged", StringComparison.Ordinal));
        Assert.DoesNotContain("forged", checkRun.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("README.md", Assert.Single(_github.Comments).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_claiming_success_cannot_hide_errors_and_its_samples_are_labelled_and_limited_to_checked_leaves()
    {
        var report = Forged("""
            {"diagnostics": [], "files": [], "dryRun": false,
             "preview": {"status": "complete", "teacherModel": "forged-teacher", "criticModel": "forged-critic", "samplesPerLeaf": 1, "usage": {}},
             "leaves": [
               {"path": "compositional_skills/math/geometry", "kind": "freeform_skill", "file": "compositional_skills/math/geometry/qna.yaml",
                "samples": [{"question": "What is a right angle?", "answer": "Ninety degrees.", "kept": true}],
                "quality": {"generated": 1, "kept": 1}},
               {"path": "compositional_skills/elsewhere", "kind": "freeform_skill", "file": "compositional_skills/elsewhere/qna.yaml",
                "samples": [{"question": "Not part of this pull request", "answer": "smuggled", "kept": true}],
                "quality": {"generated": 1, "kept": 1}}
             ]}
            """);

        var run = await Publish(report);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("failure", Assert.Single(_github.CheckRuns).Conclusion);
        var comment = Assert.Single(_github.Comments).Body;
        Assert.Contains("Ninety degrees", comment, StringComparison.Ordinal);
        Assert.Contains("as the pull request's own workflow run reported them", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("smuggled", comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_for_another_commit_is_refused_and_changes_nothing()
    {
        var report = Forged("""{"diagnostics": [], "files": []}""");

        var run = await Publish(report, sha: "1111111111111111111111111111111111111111");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"is at {_head}, not at 1111111111111111111111111111111111111111", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_github.CheckRuns);
        Assert.Empty(_github.Comments);
    }

    [Fact]
    public async Task A_head_commit_missing_from_the_checkout_is_a_clear_error_that_says_to_fetch_it()
    {
        _github.HeadSha = "2222222222222222222222222222222222222222";
        var report = Forged("""{"diagnostics": [], "files": []}""");

        var run = await Publish(report, sha: _github.HeadSha);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown git ref '2222222222222222222222222222222222222222'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("git fetch origin +refs/pull/N/head", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", Bug(run));
        Assert.Empty(_github.CheckRuns);
    }

    [Fact]
    public async Task Without_the_taxonomy_option_it_says_that_the_verdict_is_the_reports()
    {
        var report = Forged("""{"diagnostics": [], "files": []}""");

        var run = await CliRun.RunWithEnvironmentAsync(Environment(), "pr", "--pr", "7", "--report", report);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("pass --taxonomy so that the verdict is computed here", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("success", Assert.Single(_github.CheckRuns).Conclusion);
    }

    private Task<CliRun> Publish(string report, string? sha = null) =>
        CliRun.RunWithEnvironmentAsync(Environment(), "pr", "--pr", "7", "--report", report, "--taxonomy", _repo.Root, "--sha", sha ?? _head);

    private string Forged(string json)
    {
        var folder = Path.Combine(_work.Path, "report");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.json"), json);
        return folder;
    }

    private static string Bug(CliRun run) => run.Stderr.Contains("This is a bug", StringComparison.Ordinal) ? run.Stderr : string.Empty;

    private Dictionary<string, string> Environment() => new()
    {
        ["GITHUB_TOKEN"] = "test-token",
        ["GITHUB_API_URL"] = _github.BaseUrl.ToString(),
        ["GITHUB_REPOSITORY"] = "octo-org/taxonomy",
        ["CONTRIBBOT_CACHE_DIR"] = Path.Combine(_work.Path, "cache"),
    };
}
