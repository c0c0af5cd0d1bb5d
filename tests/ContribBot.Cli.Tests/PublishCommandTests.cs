using System.Security.Cryptography;
using ContribBot.Testing;
using ContribBot.Testing.FakeHub;
using ContribBot.Testing.FakeOpenAi;

namespace ContribBot.Cli.Tests;

/// <summary><c>contribbot publish</c>: a dataset built here, published to the fake Hugging Face Hub through its real protocol.</summary>
public sealed class PublishCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TaxonomyRepoFixture _taxonomy = new();
    private readonly TempDirectory _work = new();
    private FakeOpenAiServer _teacher = null!;
    private FakeHubServer _hub = null!;
    private string _commit = null!;

    public async Task InitializeAsync()
    {
        _teacher = await FakeOpenAiServer.StartAsync();
        _hub = await FakeHubServer.StartAsync();
        var haiku = Path.Combine(RepositoryPaths.ExampleTaxonomy, "compositional_skills/writing/freeform/haiku");
        foreach (var file in Directory.GetFiles(haiku)) _taxonomy.WriteFile("compositional_skills/writing/freeform/haiku/" + Path.GetFileName(file), File.ReadAllText(file));
        _taxonomy.WriteFile(".github/contribbot.yml", "generation:\n  samples_per_seed: 5\n");
        _commit = _taxonomy.Commit("A haiku leaf");
        var build = await CliRun.RunWithEnvironmentAsync(new Dictionary<string, string> { ["CONTRIBBOT_CACHE_DIR"] = _work.Combine("cache") },
            "build", _taxonomy.Root, "--out", Dataset, "--teacher-url", _teacher.BaseUrl.ToString(), "--model", "teacher-1");
        Assert.True(build.ExitCode == 0, build.Stderr);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _teacher.DisposeAsync();
    }

    public void Dispose()
    {
        _taxonomy.Dispose();
        _work.Dispose();
    }

    private string Dataset => _work.Combine("dataset");

    [Fact]
    public async Task A_built_dataset_is_published_in_one_commit_naming_its_taxonomy_commit_with_the_parquet_files_through_lfs()
    {
        var run = await PublishAsync("--hub", "acme/haiku-data");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var repository = _hub.Repositories["acme/haiku-data"];
        var commit = Assert.Single(repository.Commits);
        Assert.Equal($"ContribBot dataset from taxonomy commit {_commit}", commit.Summary);
        string[] expected =
        [
            "README.md", "data/knowledge_train_msgs.parquet", "data/skills_train_msgs.parquet", "data/test.parquet", "knowledge_train_msgs.jsonl",
            "manifest.json", "skills_train_msgs.jsonl", "test.jsonl",
        ];
        Assert.Equal(expected, repository.Branches["main"].Keys.Order(StringComparer.Ordinal));
        foreach (var path in expected)
        {
            var local = File.ReadAllBytes(Path.Combine(Dataset, path));
            Assert.Equal((Convert.ToHexStringLower(SHA256.HashData(local)), (long)local.Length), repository.Branches["main"][path]);
            // Parquet through LFS (uploaded to storage, named by SHA-256 in the commit); the rest inline.
            Assert.Equal(path.EndsWith(".parquet", StringComparison.Ordinal), _hub.LfsObjects.ContainsKey(SHA256Hex(local)) && !repository.Contents.ContainsKey(path));
        }

        Assert.Contains("/commit/", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Published 8 file(s) to acme/haiku-data@main (3 through LFS, 3 uploaded", run.Stderr, StringComparison.Ordinal);
        // Preupload, then the LFS batch, then the commit, as the Hub's protocol goes.
        var order = _hub.Requests.Select(request => request.Split(' ')[1]).ToList();
        Assert.True(order.FindIndex(p => p.Contains("/preupload/", StringComparison.Ordinal)) < order.FindIndex(p => p.EndsWith("/objects/batch", StringComparison.Ordinal)));
        Assert.True(order.FindLastIndex(p => p.StartsWith("/lfs-upload/", StringComparison.Ordinal)) < order.FindIndex(p => p.Contains("/commit/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Publishing_again_sends_no_large_file_twice_and_a_new_revision_gets_its_own_branch()
    {
        await PublishAsync("--hub", "acme/haiku-data");
        var uploads = _hub.Requests.Count(request => request.StartsWith("PUT /lfs-upload/", StringComparison.Ordinal));

        var again = await PublishAsync("--hub", "acme/haiku-data", "--revision", "v2");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(uploads, _hub.Requests.Count(request => request.StartsWith("PUT /lfs-upload/", StringComparison.Ordinal)));
        Assert.Contains("(3 through LFS, 0 uploaded", again.Stderr, StringComparison.Ordinal);
        var repository = _hub.Repositories["acme/haiku-data"];
        Assert.Equal(8, repository.Branches["v2"].Count);
        Assert.Equal(["main", "v2"], repository.Commits.Select(commit => commit.Revision));
    }

    [Fact]
    public async Task Dropped_connections_and_busy_answers_are_retried_within_the_bound_and_then_reported_with_nothing_committed()
    {
        _hub.Fail("/preupload/", 503, 0);
        _hub.Fail("/commit/", 429);
        var recovered = await PublishAsync("--hub", "acme/first");
        _hub.Fail("/commit/", 503, 503, 503, 503);
        var failed = await PublishAsync("--hub", "acme/second");

        Assert.True(recovered.ExitCode == 0, recovered.Stderr);
        Assert.Single(_hub.Repositories["acme/first"].Commits);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("could not commit: the Hub answered 503", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("after 4 attempts", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was committed", failed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("This is a bug", failed.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hub.Repositories["acme/second"].Commits);
    }

    [Fact]
    public async Task A_refused_token_a_missing_one_a_bad_name_or_a_damaged_dataset_is_a_clear_error_before_anything_is_committed()
    {
        var wrongToken = await PublishWithTokenAsync("hf_wrong", "--hub", "acme/data");
        var noToken = await PublishWithTokenAsync(null, "--hub", "acme/data");
        var badName = await PublishAsync("--hub", "acme/../../etc");
        var requestsBefore = _hub.Requests.Count;
        await File.AppendAllTextAsync(Path.Combine(Dataset, "test.jsonl"), "{}\n");
        var damaged = await PublishAsync("--hub", "acme/data");
        File.Delete(Path.Combine(Dataset, "manifest.json"));
        var unfinished = await PublishAsync("--hub", "acme/data");

        Assert.Equal(1, wrongToken.ExitCode);
        Assert.Contains("the Hub refused the token (401). Set HF_TOKEN", wrongToken.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, noToken.ExitCode);
        Assert.Contains("HF_TOKEN is not set", noToken.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badName.ExitCode);
        Assert.Contains("--hub is ORG/NAME", badName.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, damaged.ExitCode);
        Assert.Contains("test.jsonl does not match its SHA-256 in the manifest", damaged.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, unfinished.ExitCode);
        Assert.Contains("not a finished dataset", unfinished.Stderr, StringComparison.Ordinal);
        Assert.Equal(requestsBefore, _hub.Requests.Count); // the damaged and unfinished datasets never reached the Hub
        Assert.DoesNotContain(_hub.Repositories.Values, repository => !repository.Commits.IsEmpty);
    }

    private static string SHA256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private Task<CliRun> PublishAsync(params string[] args) => PublishWithTokenAsync(_hub.Token, args);

    private Task<CliRun> PublishWithTokenAsync(string? token, params string[] args)
    {
        var environment = new Dictionary<string, string>();
        if (token is not null) environment["HF_TOKEN"] = token;
        return CliRun.RunWithEnvironmentAsync(environment, ["publish", Dataset, "--hub-url", _hub.Root.ToString(), .. args]);
    }
}
