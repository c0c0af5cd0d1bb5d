using System.Security.Cryptography;
using System.Text;
using ContribBot.Bot.Auth;
using ContribBot.Bot.Hosting;
using ContribBot.Bot.Storage;
using ContribBot.Bot.Webhooks;
using ContribBot.Testing;
using ContribBot.Testing.FakeGitHub;

namespace ContribBot.Bot.Tests;

/// <summary>
/// The App running for real on loopback: a taxonomy repository with a pull request branch, the fake GitHub with the
/// App installed on octo-org/taxonomy, and the service with its SQLite file, answering signed deliveries.
/// </summary>
public sealed class BotHarness : IAsyncDisposable
{
    public const string Secret = "harness-webhook-secret";
    public const string Repository = "octo-org/taxonomy";
    public const long Installation = 77;

    private readonly TempDirectory _data = new();
    private readonly HttpClient _http = new();
    private readonly RSA _key = RSA.Create(2048);
    private readonly List<BotService> _replicas = [];
    private DatabaseLocation? _database;

    private BotHarness(TaxonomyRepoFixture repo, FakeGitHubServer github)
    {
        Repo = repo;
        GitHub = github;
    }

    public TaxonomyRepoFixture Repo { get; }

    public FakeGitHubServer GitHub { get; }

    public BotService Service { get; private set; } = null!;

    public string HeadSha { get; private set; } = string.Empty;

    /// <summary>The OpenAI-compatible teacher previews use; none: previews are dry-run plans.</summary>
    public Uri? TeacherUrl { get; private init; }

    public string DatabasePath => Path.Combine(_data.Path, "bot.db");

    public string PrivateKeyPem => _key.ExportRSAPrivateKeyPem();

    /// <summary>A repository whose branch <c>pr</c> adds one valid leaf (and, with <paramref name="broken"/>, one with an error).</summary>
    /// <param name="database">The queue's database (a PostgreSQL one for replicas); default: a SQLite file in the harness's folder.</param>
    public static async Task<BotHarness> StartAsync(
        Func<BotOptions, BotOptions>? configure = null, bool broken = false, bool start = true, Uri? teacherUrl = null, DatabaseLocation? database = null)
    {
        var repo = new TaxonomyRepoFixture();
        repo.WriteFile("README.md", "taxonomy\n");
        repo.Commit("Start");
        repo.Branch("pr");
        repo.Checkout("pr");
        repo.WriteLeaf("compositional_skills/math/addition", SampleLeaves.FreeformSkill);
        if (broken) repo.WriteLeaf("compositional_skills/math/broken", SampleLeaves.FreeformSkill.Replace("version: 3", "version: 9", StringComparison.Ordinal));
        var head = repo.Commit("Add a leaf");
        repo.Checkout("main");

        var github = await FakeGitHubServer.StartAsync();
        var harness = new BotHarness(repo, github) { HeadSha = head, TeacherUrl = teacherUrl, _database = database };
        github.EnableApp("4242", RSA.Create(harness._key.ExportParameters(false)), new Dictionary<string, long> { [Repository] = Installation });
        github.HeadSha = head;
        github.HeadRef = "pr";
        github.CloneUrl = repo.Root;
        if (start) await harness.StartServiceAsync(configure);
        return harness;
    }

    public BotOptions Options(Func<BotOptions, BotOptions>? configure) => (configure ?? (o => o))(new BotOptions
    {
        Database = _database ?? DatabaseLocation.SqliteFile(DatabasePath),
        DataDirectory = Path.Combine(_data.Path, "data"),
        ApiUrl = GitHub.BaseUrl,
        AllowLocalRepos = true,
        Workers = 2,
        Lease = TimeSpan.FromSeconds(6),
        PollInterval = TimeSpan.FromMilliseconds(50),
        SweepInterval = TimeSpan.FromMilliseconds(200),
        // Nothing from this machine's environment: a teacher only when the test starts one.
        Environment = name => name switch
        {
            "CONTRIBBOT_TEACHER_URL" => TeacherUrl?.ToString(),
            "CONTRIBBOT_MODEL" => TeacherUrl is null ? null : "teacher-1",
            _ => null,
        },
    });

    public async Task StartServiceAsync(Func<BotOptions, BotOptions>? configure = null)
    {
        Service = await BotService.StartAsync(Options(configure), AppIdentity.Of("4242", PrivateKeyPem), Secret, ["http://127.0.0.1:0"], _ => { });
        GitHub.Webhook = (new Uri(Service.Urls[0], "/webhooks"), Secret);
    }

    /// <summary>
    /// Holds the next check-run update (a preview marking its check run in progress) until the returned hold is set;
    /// <c>Entered</c> is set when a job has reached it.
    /// </summary>
    public (ManualResetEventSlim Entered, ManualResetEventSlim Hold) HoldNextCheckRunUpdate()
    {
        var (entered, hold) = (new ManualResetEventSlim(), new ManualResetEventSlim());
        GitHub.Before("PATCH", "/check-runs/", () =>
        {
            entered.Set();
            hold.Wait(TimeSpan.FromSeconds(30));
        });
        return (entered, hold);
    }

    /// <summary>A second commit on the pull request's branch (a push to it); the fake GitHub's head moves to it.</summary>
    public string AddCommitToPullRequest()
    {
        Repo.Checkout("pr");
        Repo.WriteLeaf("compositional_skills/math/subtraction", SampleLeaves.FreeformSkill.Replace("octocat", "hubot", StringComparison.Ordinal));
        HeadSha = Repo.Commit("Add another leaf");
        Repo.Checkout("main");
        GitHub.HeadSha = HeadSha;
        return HeadSha;
    }

    /// <summary>Another instance of the service on the same database, with a data folder of its own (a replica behind a load balancer).</summary>
    public async Task<BotService> StartReplicaAsync(string name)
    {
        var replica = await BotService.StartAsync(Options(o => o with { DataDirectory = Path.Combine(_data.Path, name) }), AppIdentity.Of("4242", PrivateKeyPem), Secret,
            ["http://127.0.0.1:0"], _ => { });
        _replicas.Add(replica);
        return replica;
    }

    /// <summary>Stops the service and starts a new one on the same database (a restart, or a replacement after a crash).</summary>
    public async Task RestartServiceAsync(Func<BotOptions, BotOptions>? configure = null)
    {
        await Service.DisposeAsync();
        await StartServiceAsync(configure);
    }

    /// <param name="to">The instance that receives it (default: the harness's service).</param>
    public async Task<HttpResponseMessage> DeliverAsync(string eventName, string payload, string? delivery = null, BotService? to = null)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri((to ?? Service).Urls[0], "/webhooks")) { Content = new ByteArrayContent(bytes) };
        request.Headers.Add("X-GitHub-Delivery", delivery ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-Hub-Signature-256", WebhookSignature.Sign(Secret, bytes));
        return await _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> OpenPullRequestAsync(string action = "opened", string? delivery = null) =>
        DeliverAsync("pull_request", WebhookPayloads.PullRequest(action, Repository, 12, HeadSha, Repo.Root), delivery);

    public Task<HttpResponseMessage> CommentAsync(string body, string association = "MEMBER", string login = "maintainer", long id = 901) =>
        DeliverAsync("issue_comment", WebhookPayloads.IssueComment(Repository, 12, id, body, login, association, Repo.Root));

    public Task<string> GetAsync(string path) => _http.GetStringAsync(new Uri(Service.Urls[0], path));

    /// <summary>Waits for the service to reach a state (the queue drains in the background); fails after a generous bound, never on speed.</summary>
    public async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var waited = 0; waited < 60_000; waited += 50)
        {
            if (condition()) return;
            await Task.Delay(50);
        }

        Assert.Fail($"gave up waiting for {what}; {await StateAsync()}");
    }

    /// <summary>The queue's counts, dead letters and the requests GitHub saw, for a failure message.</summary>
    public async Task<string> StateAsync()
    {
        var counts = await Service.Context.Jobs.CountsAsync();
        var dead = await Service.Context.Jobs.DeadLettersAsync();
        return $"jobs {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}; dead letters: {string.Join(" | ", dead.Select(d => $"{d.Kind} {d.Subject}: {d.LastError}"))}; " +
               $"requests: {string.Join(", ", GitHub.Requests.TakeLast(15))}";
    }

    /// <summary>Until the queue has no job queued or running.</summary>
    public async Task DrainedAsync()
    {
        for (var waited = 0; waited < 60_000; waited += 50)
        {
            var counts = await Service.Context.Jobs.CountsAsync();
            if (counts.GetValueOrDefault("queued") + counts.GetValueOrDefault("running") == 0) return;
            await Task.Delay(50);
        }

        Assert.Fail($"gave up waiting for the queue to drain; {await StateAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas) await replica.DisposeAsync();
        if (Service is not null) await Service.DisposeAsync();
        await GitHub.DisposeAsync();
        Repo.Dispose();
        _http.Dispose();
        _key.Dispose();
        _data.Dispose();
    }
}
