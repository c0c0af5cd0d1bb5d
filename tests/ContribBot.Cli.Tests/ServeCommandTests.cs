using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ContribBot.Bot.Webhooks;
using ContribBot.Testing;
using ContribBot.Testing.FakeGitHub;

namespace ContribBot.Cli.Tests;

/// <summary><c>contribbot serve</c> as a real process: its settings, and a worker killed with SIGKILL in the middle of a job.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private const string Secret = "serve-test-secret";
    private readonly TempDirectory _work = new();
    private readonly RSA _key = RSA.Create(2048);

    public void Dispose()
    {
        _work.Dispose();
        _key.Dispose();
    }

    [Fact]
    public async Task Serve_without_the_App_id_says_which_variable_to_set()
    {
        var run = await CliRun.RunWithEnvironmentAsync(new Dictionary<string, string> { ["CONTRIBBOT_WEBHOOK_SECRET"] = Secret }, "serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: CONTRIBBOT_APP_ID is not set", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_without_the_webhook_secret_refuses_to_start()
    {
        var run = await CliRun.RunWithEnvironmentAsync(new Dictionary<string, string> { ["CONTRIBBOT_APP_ID"] = "1" }, "serve");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: CONTRIBBOT_WEBHOOK_SECRET is not set", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_a_malformed_PostgreSQL_address_says_what_is_wrong()
    {
        var run = await CliRun.RunWithEnvironmentAsync(new Dictionary<string, string>
        {
            ["CONTRIBBOT_APP_ID"] = "1", ["CONTRIBBOT_WEBHOOK_SECRET"] = Secret, ["CONTRIBBOT_DATABASE"] = "postgres://",
        }, "serve");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: CONTRIBBOT_DATABASE is not a PostgreSQL URL", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_an_unreachable_PostgreSQL_server_fails_to_start_with_the_reason_and_no_password()
    {
        var run = await CliRun.RunWithEnvironmentAsync(new Dictionary<string, string>
        {
            ["CONTRIBBOT_APP_ID"] = "1", ["CONTRIBBOT_PRIVATE_KEY"] = _key.ExportRSAPrivateKeyPem(), ["CONTRIBBOT_WEBHOOK_SECRET"] = Secret,
            ["CONTRIBBOT_DATABASE"] = $"postgres://bot:hunter22@127.0.0.1:{ClosedPort()}/queue",
        }, "serve", "--urls", "http://127.0.0.1:0", "--data", _work.Combine("data"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: cannot start the App: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("postgres://bot@127.0.0.1:", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", run.Stderr + run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on (taken, then let go).</summary>
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_worker_killed_mid_job_leaves_it_to_the_next_one_and_the_pull_request_gets_one_check_run_and_one_comment()
    {
        using var repo = new TaxonomyRepoFixture();
        repo.WriteFile("README.md", "taxonomy\n");
        repo.Commit("Start");
        repo.Branch("pr");
        repo.Checkout("pr");
        repo.WriteLeaf("compositional_skills/math/addition", SampleLeaves.FreeformSkill);
        var head = repo.Commit("Add a leaf");
        repo.Checkout("main");
        await using var github = await FakeGitHubServer.StartAsync();
        github.EnableApp("4242", RSA.Create(_key.ExportParameters(false)), new Dictionary<string, long> { ["octo-org/taxonomy"] = 77 });
        (github.HeadSha, github.HeadRef, github.CloneUrl) = (head, "pr", repo.Root);
        using var entered = new ManualResetEventSlim();
        using var hold = new ManualResetEventSlim();
        // The first worker is held inside the job (marking its check run in progress) until it has been killed.
        github.Before("PATCH", "/check-runs/", () =>
        {
            entered.Set();
            hold.Wait(TimeSpan.FromSeconds(60));
        });

        using (var first = await StartServeAsync(github))
        {
            await DeliverAsync(first.Url, WebhookPayloads.PullRequest("opened", "octo-org/taxonomy", 12, head, repo.Root));
            Assert.True(entered.Wait(TimeSpan.FromSeconds(60)), "the first worker never reached the job");
            first.Process.Kill(entireProcessTree: true); // SIGKILL: no shutdown code runs.
            await first.Process.WaitForExitAsync();
        }

        hold.Set();
        using (var second = await StartServeAsync(github))
        {
            // The killed worker's lease (10 s) runs out; the second process takes the job and finishes it.
            for (var waited = 0; waited < 90_000 && !(github.Comments.Count > 0 && github.CheckRuns.All(r => r.Status == "completed")); waited += 100) await Task.Delay(100);
            second.Process.Kill(entireProcessTree: true);
            await second.Process.WaitForExitAsync();
            Assert.True(github.Comments.Count > 0, $"no comment after the restart: {await second.Stderr}");
        }

        var run = Assert.Single(github.CheckRuns);
        Assert.Equal(("completed", "success"), (run.Status, run.Conclusion));
        var comment = Assert.Single(github.Comments);
        Assert.Equal(0, comment.Edits);
    }

    private sealed record Serving(Process Process, Uri Url, Task<string> Stderr) : IDisposable
    {
        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.Dispose();
        }
    }

    private async Task<Serving> StartServeAsync(FakeGitHubServer github)
    {
        var process = CliRun.StartChild(new Dictionary<string, string>
        {
            ["CONTRIBBOT_APP_ID"] = "4242",
            ["CONTRIBBOT_PRIVATE_KEY"] = _key.ExportRSAPrivateKeyPem(),
            ["CONTRIBBOT_WEBHOOK_SECRET"] = Secret,
            ["CONTRIBBOT_DATABASE"] = _work.Combine("bot.db"),
            ["CONTRIBBOT_CACHE_DIR"] = _work.Combine("cache"),
            ["GITHUB_API_URL"] = github.BaseUrl.ToString(),
        }, "serve", "--urls", "http://127.0.0.1:0", "--allow-local-repos", "--workers", "1", "--lease-seconds", "10", "--log-format", "text");
        _ = process.StandardOutput.ReadToEndAsync();
        // The first line on stderr that names the address: "ContribBot App listening on http://127.0.0.1:PORT/ (…)".
        var seen = new StringBuilder();
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            seen.AppendLine(line);
            if (line.StartsWith("ContribBot App listening on ", StringComparison.Ordinal))
            {
                var url = new Uri(line["ContribBot App listening on ".Length..].Split(' ')[0].TrimEnd(','));
                return new Serving(process, url, process.StandardError.ReadToEndAsync());
            }
        }

        throw new InvalidOperationException($"contribbot serve ended before listening: {seen}");
    }

    private static async Task DeliverAsync(Uri app, string payload)
    {
        using var http = new HttpClient();
        var bytes = Encoding.UTF8.GetBytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app, "/webhooks")) { Content = new ByteArrayContent(bytes) };
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-Hub-Signature-256", WebhookSignature.Sign(Secret, bytes));
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
    }
}
