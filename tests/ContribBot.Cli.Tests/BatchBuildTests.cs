using ContribBot.Testing;
using ContribBot.Testing.FakeOpenAi;

namespace ContribBot.Cli.Tests;

/// <summary>
/// <c>contribbot build --batch</c>: the same dataset as a live build, made in rounds of batches through the fake
/// OpenAI Files and Batches endpoints or through request files for another engine, resumed without paying twice.
/// </summary>
public sealed class BatchBuildTests : IAsyncLifetime, IDisposable
{
    private const string SmallBuild = "generation:\n  samples_per_seed: 3\n  contexts_per_seed: 2\n";

    private static readonly string[] RowFiles = ["knowledge_train_msgs.jsonl", "skills_train_msgs.jsonl", "test.jsonl"];

    private readonly ExampleTaxonomyCopy _example = new();
    private readonly TempDirectory _work = new();
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        // Replies that depend only on the prompt: a live build and a batch build get the same answers.
        _server.Responder = new ScriptedTeacher { Stateless = true }.Reply;
        _example.Taxonomy.WriteFile(".github/contribbot.yml", SmallBuild);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _example.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task A_build_through_the_batch_api_makes_no_live_call_and_writes_the_dataset_a_live_build_writes()
    {
        var live = await BuildAsync("live", "live-cache");
        var liveCalls = _server.Calls.Count;

        var batched = await BuildAsync("batched", "batch-cache", "--batch", "openai");

        Assert.Equal(0, live.ExitCode);
        Assert.Equal(0, batched.ExitCode);
        Assert.Equal(liveCalls, _server.Calls.Count);
        Assert.Equal(liveCalls, _server.Batches.Calls.Count);
        // Questions, then answers, then verdicts: a round per step, one batch per round.
        Assert.True(_server.Batches.BatchesCreated >= 3, $"{_server.Batches.BatchesCreated} batches");
        Assert.Contains($"answered by batches in {_server.Batches.BatchesCreated + 1} round(s)", batched.Stderr, StringComparison.Ordinal);
        Assert.All(RowFiles, name => Assert.Equal(File.ReadAllBytes(_work.Combine("live/" + name)), File.ReadAllBytes(_work.Combine("batched/" + name))));
    }

    [Fact]
    public async Task A_batch_build_stopped_while_its_batch_runs_polls_that_batch_when_run_again_instead_of_submitting_it_twice()
    {
        _server.Batches.PollsBeforeDone = int.MaxValue;
        using var stop = new CancellationTokenSource();
        var first = CliRun.RunWithEnvironmentCancellableAsync(Environment(), stop.Token, Arguments("batched", "cache", "--batch", "openai"));
        for (var waited = 0; _server.Batches.BatchesCreated == 0; waited += 20)
        {
            Assert.True(waited < 120_000, "no batch was submitted within two minutes");
            await Task.Delay(20);
        }

        await Task.Delay(200); // a few polls of the unfinished batch
        await stop.CancelAsync();
        // Bounded: a build that did not stop on Ctrl+C (SIGINT ignored, say) fails the test instead of hanging the run.
        var stopped = await first.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.NotEqual(0, stopped.ExitCode);
        Assert.Equal(1, _server.Batches.Uploads);

        _server.Batches.PollsBeforeDone = 0;
        var again = await BuildAsync("batched", "cache", "--batch", "openai");

        Assert.Equal(0, again.ExitCode);
        // One upload per round, the first round's never repeated; no call answered twice.
        Assert.Equal(_server.Batches.BatchesCreated, _server.Batches.Uploads);
        var keys = _server.Batches.CustomIds;
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(_server.Calls);
    }

    [Fact]
    public async Task Request_files_go_to_another_engine_and_the_build_goes_on_from_their_results_to_the_same_dataset()
    {
        await BuildAsync("live", "live-cache");
        var liveCalls = _server.Calls.Count;
        var folder = _work.Combine("batch-files");

        // No teacher URL: the requests are answered elsewhere; the model is part of each request.
        var run = await CliRun.RunWithEnvironmentAsync(Environment(), WithoutTeacherUrl(Arguments("from-files", "files-cache", "--batch", "files", folder)));
        var rounds = 0;
        while (!run.Stderr.Contains("Dataset written", StringComparison.Ordinal))
        {
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("the dataset is not built yet", run.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(_work.Combine("from-files/manifest.json")));
            var requestFiles = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(requestFiles);
            foreach (var requests in requestFiles)
            {
                // The other engine: reads the request file, writes an output file beside it.
                var (output, _) = _server.Batches.Run(File.ReadAllText(requests));
                File.WriteAllText(Path.Combine(folder, $"results-{++rounds:D2}.jsonl"), output);
            }

            Assert.True(rounds < 10, "the build does not converge");
            run = await CliRun.RunWithEnvironmentAsync(Environment(), WithoutTeacherUrl(Arguments("from-files", "files-cache", "--resume", "--batch-results", folder)));
        }

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(liveCalls, _server.Calls.Count);
        Assert.All(RowFiles, name => Assert.Equal(File.ReadAllBytes(_work.Combine("live/" + name)), File.ReadAllBytes(_work.Combine("from-files/" + name))));
    }

    [Fact]
    public async Task A_call_whose_batch_results_keep_failing_is_given_up_and_its_leaf_fails_visibly()
    {
        _server.Batches.FailLine = _ => true;

        var run = await BuildAsync("failing", "cache", "--batch", "openai");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("failed", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Calls);
        // Every call asked for three times, then given up: no endless resubmission.
        Assert.Equal(3, _server.Batches.BatchesCreated);
    }

    [Fact]
    public async Task Result_files_read_again_in_a_later_run_do_not_count_their_failures_twice()
    {
        var folder = _work.Combine("batch-files");
        _server.Batches.FailLine = _ => true;
        var run = await CliRun.RunWithEnvironmentAsync(Environment(), WithoutTeacherUrl(Arguments("out", "cache", "--batch", "files", folder)));
        for (var round = 1; round <= 2; round++)
        {
            Assert.Equal(0, run.ExitCode);
            foreach (var requests in run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                File.WriteAllText(Path.Combine(folder, $"results-{round}.jsonl"), _server.Batches.Run(File.ReadAllText(requests)).Errors);
            }

            run = await CliRun.RunWithEnvironmentAsync(Environment(), WithoutTeacherUrl(Arguments("out", "cache", "--resume", "--batch-results", folder)));
        }

        // Two failures per call so far (results-1 was read twice, counted once): still asked for, not given up.
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("the dataset is not built yet", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_round_that_would_pass_the_cost_limit_is_not_submitted()
    {
        var run = await BuildAsync("limited", "cache", "--batch", "openai", "--max-cost", "0.000001");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Stopped at --max-cost", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _server.Batches.BatchesCreated);
    }

    [Fact]
    public async Task A_batch_build_without_a_model_says_what_is_missing()
    {
        var run = await CliRun.RunWithEnvironmentAsync(Environment(),
            "build", _example.Root, "--allow-local-repos", "--out", _work.Combine("no-model"), "--batch", "files", _work.Combine("files"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("a batch build needs the model", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_options_that_make_no_sense_are_refused_before_anything_runs()
    {
        var run = await BuildAsync("bad", "cache", "--batch", "sometimes");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--batch takes `openai` or `files DIR`", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _server.Batches.Uploads);
    }

    private Dictionary<string, string> Environment()
    {
        var environment = _example.Environment;
        environment["CONTRIBBOT_BATCH_POLL_SECONDS"] = "0.02";
        return environment;
    }

    private string[] Arguments(string output, string cache, params string[] extra) =>
    [
        "build", _example.Root, "--allow-local-repos", "--out", _work.Combine(output), "--cache", _work.Combine(cache),
        "--teacher-url", _server.BaseUrl.ToString(), "--model", "teacher-1", .. extra,
    ];

    private static string[] WithoutTeacherUrl(string[] arguments)
    {
        var at = Array.IndexOf(arguments, "--teacher-url");
        return [.. arguments[..at], .. arguments[(at + 2)..]];
    }

    private Task<CliRun> BuildAsync(string output, string cache, params string[] extra) =>
        CliRun.RunWithEnvironmentAsync(Environment(), Arguments(output, cache, extra));
}
