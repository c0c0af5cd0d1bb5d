using System.Net;
using ContribBot.Testing;
using ContribBot.Testing.FakeGitHub;

namespace ContribBot.Cli.Tests;

public sealed class PrCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TaxonomyFixture _taxonomy = new();
    private readonly TempDirectory _work = new();
    private FakeGitHubServer _github = null!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync();
        _taxonomy.WriteLeaf("compositional_skills/math/arithmetic", SampleLeaves.FreeformSkill);
        _taxonomy.WriteLeaf("compositional_skills/math/broken", SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: yes", StringComparison.Ordinal));
        var preview = await CliRun.RunAsync("preview", _taxonomy.Root, "--out", Report);
        Assert.Equal(1, preview.ExitCode); // the broken leaf
        // Wherever preview ran, the report's paths are from the taxonomy's root, as annotations need them.
        Assert.Contains("\"file\": \"compositional_skills/math/broken/qna.yaml\"", File.ReadAllText(Path.Combine(Report, "report.json")), StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await _github.DisposeAsync();

    public void Dispose()
    {
        _taxonomy.Dispose();
        _work.Dispose();
    }

    private string Report => Path.Combine(_work.Path, "report");

    [Fact]
    public async Task Publishes_the_check_run_the_comment_and_the_job_summary_from_the_actions_environment()
    {
        var summary = Path.Combine(_work.Path, "summary.md");
        var eventFile = Path.Combine(_work.Path, "event.json");
        File.WriteAllText(eventFile, """{"action": "opened", "pull_request": {"number": 12, "head": {"sha": "abc"}}}""");

        var run = await CliRun.RunWithEnvironmentAsync(Environment(("GITHUB_STEP_SUMMARY", summary), ("GITHUB_EVENT_PATH", eventFile)), "pr", "--report", Report);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Check run created", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"1 error\(s\), (\d+) warning\(s\) · preview planned \(dry run\); \d+ annotation\(s\) sent in 1 request\(s\)", run.Stdout);
        Assert.Equal(File.ReadAllText(Path.Combine(Report, "report.json")).Split("\"code\"").Length - 1, Assert.Single(_github.CheckRuns).Annotations.Count);
        Assert.Contains("Comment created", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("POST /api/v3/repos/octo-org/taxonomy/issues/12/comments", _github.Requests);
        Assert.Equal("failure", Assert.Single(_github.CheckRuns).Conclusion);
        Assert.Contains("### ContribBot preview: dry run", Assert.Single(_github.Comments).Body, StringComparison.Ordinal);
        Assert.Contains("❌ Validation: 1 error(s)", File.ReadAllText(summary), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_closed_without_an_answer_on_two_requests_do_not_stop_publishing()
    {
        _github.Fail("GET", "/pulls/5", FakeGitHubFault.DroppedConnection());
        _github.Fail("POST", "/issues/5/comments", FakeGitHubFault.DroppedAnswer());

        var run = await CliRun.RunWithEnvironmentAsync(Environment(), "pr", "--pr", "5", "--report", Report);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("error", run.Stderr, StringComparison.Ordinal);
        Assert.Single(_github.CheckRuns);
        Assert.Single(_github.Comments);
    }

    [Fact]
    public async Task GitHub_unreachable_for_longer_than_the_retries_is_a_clear_error_not_a_bug_report()
    {
        for (var i = 0; i < 4; i++) _github.Fail("GET", "/pulls/5", FakeGitHubFault.DroppedConnection());

        var run = await CliRun.RunWithEnvironmentAsync(Environment(), "pr", "--pr", "5", "--report", Report);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: GitHub did not answer reading pull request octo-org/taxonomy#5 after 4 attempts (", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("This is a bug", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_twice_edits_the_comment_in_place()
    {
        await CliRun.RunWithEnvironmentAsync(Environment(), "pr", "--pr", "3", "--report", Report);
        var second = await CliRun.RunWithEnvironmentAsync(Environment(), "pr", "--pr", "3", "--report", Path.Combine(Report, "report.json"));

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Comment updated", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("Check run updated", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(_github.Comments).Edits);
    }

    [Fact]
    public async Task Without_a_token_it_says_how_to_pass_one()
    {
        var environment = new Dictionary<string, string>(Environment());
        environment.Remove("GITHUB_TOKEN");

        var run = await CliRun.RunWithEnvironmentAsync(environment, "pr", "--pr", "3", "--report", Report);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("GITHUB_TOKEN is not set", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_github.Requests);
    }

    [Fact]
    public async Task An_api_error_is_a_clear_message_and_exit_code_2()
    {
        _github.Fail("POST", "/check-runs", new FakeGitHubFault(HttpStatusCode.UnprocessableEntity, "Validation Failed"));

        var run = await CliRun.RunWithEnvironmentAsync(Environment(), "pr", "--pr", "3", "--report", Report);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: GitHub refused creating the check run: HTTP 422", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_report_or_pull_request_number_is_a_usage_error()
    {
        var noReport = await CliRun.RunWithEnvironmentAsync(Environment(), "pr", "--pr", "3", "--report", Path.Combine(_work.Path, "nowhere"));
        var noNumber = await CliRun.RunWithEnvironmentAsync(Environment(), "pr", "--report", Report);

        Assert.Equal(2, noReport.ExitCode);
        Assert.Contains("run `contribbot preview --out DIR` first", noReport.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, noNumber.ExitCode);
        Assert.Contains("no pull request number: pass --pr N", noNumber.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_that_is_a_fifo_is_refused_at_once_instead_of_waited_on()
    {
        if (!OperatingSystem.IsLinux()) return;
        var folder = Path.Combine(_work.Path, "fifo-report");
        Directory.CreateDirectory(folder);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(folder, "report.json"))) await mkfifo.WaitForExitAsync();

        var run = await CliRun.RunWithEnvironmentAsync(Environment(), "pr", "--pr", "3", "--report", folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a regular file (a FIFO, socket or device)", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_github.Requests);
    }

    private Dictionary<string, string> Environment(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_TOKEN"] = "test-token",
            ["GITHUB_API_URL"] = _github.BaseUrl.ToString(),
            ["GITHUB_REPOSITORY"] = "octo-org/taxonomy",
        };
        foreach (var (name, value) in extra) environment[name] = value;
        return environment;
    }
}
