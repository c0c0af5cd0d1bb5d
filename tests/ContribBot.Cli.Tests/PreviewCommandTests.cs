using System.Text.Json;
using ContribBot.Testing;
using ContribBot.Testing.FakeOpenAi;
using Spectre.Console.Testing;

namespace ContribBot.Cli.Tests;

public sealed class PreviewCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TaxonomyFixture _taxonomy = new();
    private readonly TempDirectory _out = new();
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _taxonomy.WriteLeaf("compositional_skills/math/arithmetic", SampleLeaves.FreeformSkill);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _taxonomy.Dispose();
        _out.Dispose();
    }

    [Fact]
    public async Task Without_a_teacher_it_validates_and_prints_a_dry_run_plan()
    {
        var run = await CliRun.RunAsync("preview", _taxonomy.Root, "--out", _out.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("DRY RUN: no teacher is configured", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("compositional_skills/math/arithmetic (freeform_skill, 5 seeds)", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"freeform-questions\.v1@[0-9a-f]{12}\s+\d+ prompt tokens/call", run.Stdout);
        Assert.Contains("full build 150 samples", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 file(s) checked (1 leaves): 0 error(s), 0 warning(s)", run.Stderr, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out.Path, "report.json")));
        Assert.True(report.RootElement.GetProperty("dryRun").GetBoolean());
        var markdown = File.ReadAllText(Path.Combine(_out.Path, "report.md"));
        Assert.Contains("dry run", markdown, StringComparison.Ordinal);
        Assert.Equal(markdown, Core.Reports.Preview.ReportJsonReader.Read(File.ReadAllText(Path.Combine(_out.Path, "report.json"))).RenderMarkdown());
        Assert.Empty(_server.Calls);
    }

    [Fact]
    public async Task On_a_watched_console_the_preview_draws_a_line_per_leaf_with_its_calls_and_kept_samples()
    {
        var console = new TestConsole().Interactive().Width(160);

        var run = await CliRun.RunWithProgressAsync(console, "preview", _taxonomy.Root, "--out", _out.Path, "--teacher-url", _server.BaseUrl.ToString(), "--model", "teacher-1");

        Assert.Equal(0, run.ExitCode);
        // The last frame the console drew: the leaf, its calls and tokens, and the kept samples against the target.
        Assert.Matches(@"compositional_skills/math/arithmetic: 11 calls, [\d,]+ tok, 5/5 kept", console.Output);
        Assert.DoesNotContain("compositional_skills/math/arithmetic: 11 calls", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_watched_console_nothing_is_drawn()
    {
        var run = await CliRun.RunAsync("preview", _taxonomy.Root, "--out", _out.Path, "--teacher-url", _server.BaseUrl.ToString(), "--model", "teacher-1");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(" tok, ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_prompts_prints_each_prompt_as_it_would_be_sent()
    {
        var run = await CliRun.RunAsync("preview", _taxonomy.Root, "--dry-run", "--show-prompts", "--out", _out.Path, "--teacher-url", _server.BaseUrl.ToString(), "--model", "m");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("│ Task: Answer arithmetic questions.", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(_server.Calls); // --dry-run wins over a configured teacher
    }

    [Fact]
    public async Task With_a_teacher_it_writes_the_report_the_markdown_and_the_samples()
    {
        var run = await CliRun.RunAsync("preview", _taxonomy.Root, "--out", _out.Path, "--teacher-url", _server.BaseUrl.ToString(), "--model", "teacher-1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Preview complete: 5 of 5 samples kept, 11 calls", run.Stderr, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out.Path, "report.json")));
        var leaf = report.RootElement.GetProperty("leaves")[0];
        Assert.Equal("compositional_skills/math/arithmetic", leaf.GetProperty("path").GetString());
        Assert.Equal("freeform_skill", leaf.GetProperty("kind").GetString());
        foreach (var sample in leaf.GetProperty("samples").EnumerateArray())
        {
            Assert.NotEmpty(sample.GetProperty("question").GetString()!);
            Assert.NotEmpty(sample.GetProperty("answer").GetString()!);
            Assert.True(sample.GetProperty("kept").GetBoolean());
            Assert.Equal(JsonValueKind.Null, sample.GetProperty("dropReason").ValueKind);
            Assert.Equal(3, sample.GetProperty("scores").GetProperty("answer_quality").GetDouble());
            Assert.Equal("teacher-1", sample.GetProperty("provenance").GetProperty("teacherModel").GetString());
        }

        Assert.Equal(5, File.ReadAllLines(Path.Combine(_out.Path, "samples.jsonl")).Length);
        Assert.StartsWith("### ContribBot preview: 5 of 5 synthetic samples kept", File.ReadAllText(Path.Combine(_out.Path, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_teacher_can_come_from_the_environment()
    {
        var run = await CliRun.RunWithEnvironmentAsync(
            new Dictionary<string, string> { ["CONTRIBBOT_TEACHER_URL"] = _server.BaseUrl.ToString(), ["CONTRIBBOT_MODEL"] = "env-model" },
            "preview", _taxonomy.Root, "--out", _out.Path, "--samples", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.All(_server.Calls, call => Assert.Equal("env-model", call.Model));
        Assert.Contains("2 of 2 samples kept", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workflow_token_is_never_sent_to_an_endpoint_other_than_github_models()
    {
        // The URL may come from the pull request's own .github/contribbot.yml.
        _taxonomy.WriteFile(".github/contribbot.yml", $"teacher:\n  url: {_server.BaseUrl}\n  model: m\n");

        var withToken = await CliRun.RunWithEnvironmentAsync(new Dictionary<string, string> { ["GITHUB_TOKEN"] = "ghs_workflowtoken" },
            "preview", _taxonomy.Root, "--out", _out.Path, "--samples", "1");
        var withKey = await CliRun.RunWithEnvironmentAsync(new Dictionary<string, string> { ["GITHUB_TOKEN"] = "ghs_workflowtoken", ["CONTRIBBOT_API_KEY"] = "endpoint-key" },
            "preview", _taxonomy.Root, "--out", _out.Path, "--samples", "1");

        Assert.Equal((0, 0), (withToken.ExitCode, withKey.ExitCode));
        Assert.DoesNotContain(_server.Calls, call => call.Authorization.Contains("ghs_workflowtoken", StringComparison.Ordinal));
        Assert.Contains(_server.Calls, call => call.Authorization == "Bearer endpoint-key");
    }

    [Fact]
    public async Task The_config_file_sets_teacher_and_samples_and_options_override_it()
    {
        _taxonomy.WriteFile(".github/contribbot.yml", $"""
            teacher:
              url: {_server.BaseUrl}
              model: config-model
              critic_model: config-critic
            preview:
              samples: 2

            """);

        var run = await CliRun.RunAsync("preview", _taxonomy.Root, "--out", _out.Path, "--model", "option-model");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 of 2 samples kept", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(_server.Calls, call => call.Model == "option-model");
        Assert.Contains(_server.Calls, call => call.Model == "config-critic");
        Assert.DoesNotContain(_server.Calls, call => call.Model == "config-model");
    }

    [Fact]
    public async Task Only_so_many_leaves_are_previewed_and_the_rest_are_listed_as_skipped()
    {
        _taxonomy.WriteLeaf("compositional_skills/math/second", SampleLeaves.FreeformSkill);
        _taxonomy.WriteLeaf("compositional_skills/math/third", SampleLeaves.FreeformSkill);

        var run = await CliRun.RunAsync("preview", _taxonomy.Root, "--out", _out.Path, "--max-leaves", "2", "--samples", "1",
            "--teacher-url", _server.BaseUrl.ToString(), "--model", "m");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("compositional_skills/math/third: skipped, over the preview limit of 2 leaves", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("2 of 2 samples kept", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_absurd_concurrency_in_the_config_is_refused()
    {
        _taxonomy.WriteFile(".github/contribbot.yml", "generation:\n  concurrency: 100000\n");

        var run = await CliRun.RunAsync("preview", _taxonomy.Root, "--out", _out.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("contribbot.yml:2:16: expected a whole number from 1 to 64", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_config_key_is_an_error_that_points_at_it()
    {
        _taxonomy.WriteFile(".github/contribbot.yml", "teacher:\n  url: http://127.0.0.1:1/v1\n  modle: x\n");

        var run = await CliRun.RunAsync("preview", _taxonomy.Root, "--out", _out.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("contribbot.yml:3:3: unknown setting 'teacher.modle'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_teacher_url_without_a_model_is_a_configuration_error()
    {
        var run = await CliRun.RunAsync("preview", _taxonomy.Root, "--teacher-url", _server.BaseUrl.ToString());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no model: give --model, CONTRIBBOT_MODEL or teacher.model", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaves_with_validation_errors_are_not_sent_to_the_teacher()
    {
        _taxonomy.WriteLeaf("compositional_skills/math/broken", SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: yes", StringComparison.Ordinal));

        var run = await CliRun.RunAsync("preview", _taxonomy.Root, "--out", _out.Path, "--teacher-url", _server.BaseUrl.ToString(), "--model", "m");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("compositional_skills/math/broken: skipped, the leaf has validation errors", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Calls, call => call.User.Contains("What is 2 + 2?", StringComparison.Ordinal) && call.User.Contains("yes", StringComparison.Ordinal));
        var json = File.ReadAllText(Path.Combine(_out.Path, "report.json"));
        using var report = JsonDocument.Parse(json);
        Assert.Contains(report.RootElement.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "CB0203");
        Assert.Equal(File.ReadAllText(Path.Combine(_out.Path, "report.md")), Core.Reports.Preview.ReportJsonReader.Read(json).RenderMarkdown());
    }

    [Fact]
    public async Task A_teacher_that_refuses_falls_back_to_the_dry_run_plan_with_a_notice()
    {
        // GitHub Models turned off for the organisation answers 403.
        _server.Enqueue(FakeReply.Error(System.Net.HttpStatusCode.Forbidden, "Models are disabled for this organization"));

        var run = await CliRun.RunAsync("preview", _taxonomy.Root, "--out", _out.Path, "--teacher-url", _server.BaseUrl.ToString(), "--model", "m");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("notice: The teacher could not be used (the teacher became unusable: the endpoint refused the request", run.Stderr, StringComparison.Ordinal);
        var json = File.ReadAllText(Path.Combine(_out.Path, "report.json"));
        using var report = JsonDocument.Parse(json);
        Assert.True(report.RootElement.GetProperty("dryRun").GetBoolean());
        var markdown = File.ReadAllText(Path.Combine(_out.Path, "report.md"));
        Assert.StartsWith("### ContribBot preview: dry run\n\n> [!WARNING]\n> The teacher could not be used", markdown, StringComparison.Ordinal);
        // The publish step renders the comment again from report.json: the notice and the prices survive the trip.
        Assert.Equal(markdown, Core.Reports.Preview.ReportJsonReader.Read(json).RenderMarkdown());
    }

    [Fact]
    public async Task With_require_teacher_a_teacher_that_refuses_the_key_stops_the_run_but_the_report_is_still_written()
    {
        _server.Enqueue(FakeReply.Error(System.Net.HttpStatusCode.Unauthorized, "Bad credentials"));

        var run = await CliRun.RunAsync("preview", _taxonomy.Root, "--out", _out.Path, "--teacher-url", _server.BaseUrl.ToString(), "--model", "m", "--require-teacher");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: the teacher became unusable: the endpoint refused the request", run.Stderr, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out.Path, "report.json")));
        Assert.Equal("aborted", report.RootElement.GetProperty("preview").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_preview_shows_what_the_builds_decontamination_personal_data_filter_and_gates_would_do()
    {
        _taxonomy.WriteFile(".github/contribbot.yml", "build:\n  decontaminate: []\n  personal_data: drop\ngates:\n  min_pass_rate: 0.9\n");
        var teacher = new ScriptedTeacher();
        _server.Responder = call => call.SchemaName != "freeform-questions" ? teacher.Reply(call) : FakeReply.Message("""
            {"questions": [
              "Before the puzzle below, recall this warm-up one: what is 6 times 7? Then add the digits of the answer together.",
              "Write the sum of 12 and 30 and mail it to jane.doe@acme-corp.com before the class starts tomorrow morning.",
              "If a train carries 40 people and 12 leave at the first stop, how many people are still on the train?"
            ]}
            """);

        var run = await CliRun.RunAsync("preview", _taxonomy.Root, "--out", _out.Path, "--teacher-url", _server.BaseUrl.ToString(), "--model", "m", "--samples", "3");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out.Path, "report.json")));
        var samples = report.RootElement.GetProperty("leaves")[0].GetProperty("samples").EnumerateArray().ToList();
        // The seed "What is 6 times 7?" (a test item) inside a question, and an e-mail address: dropped as the build would.
        Assert.Contains(samples, sample => sample.GetProperty("dropReason").GetString() == "contaminated" &&
                                           sample.GetProperty("question").GetString()!.Contains("6 times 7", StringComparison.Ordinal));
        Assert.Contains(samples, sample => sample.GetProperty("dropReason").GetString() == "pii");
        Assert.Contains(samples, sample => sample.GetProperty("kept").GetBoolean() && sample.GetProperty("question").GetString()!.StartsWith("If a train", StringComparison.Ordinal));
        var markdown = File.ReadAllText(Path.Combine(_out.Path, "report.md"));
        Assert.Contains("**gate**: the dataset build would leave this leaf out\\: it failed the quality gates\\: pass rate", markdown, StringComparison.Ordinal);
        // The dropped sample is shown with the address masked: the report may be a public comment.
        Assert.DoesNotContain("jane.doe", markdown, StringComparison.Ordinal);
        Assert.Contains("\\[e\\-mail address\\]", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_stops_the_run_and_still_writes_what_was_made()
    {
        using var cancel = new CancellationTokenSource();
        var teacher = new ScriptedTeacher();
        var rounds = 0;
        _server.Responder = call =>
        {
            if (call.SchemaName != "freeform-questions") return teacher.Reply(call);
            if (Interlocked.Increment(ref rounds) == 1)
            {
                return FakeReply.Message("""{"questions": ["How would you describe the river beside the glacier to a child?"]}""");
            }

            cancel.Cancel();
            return teacher.Reply(call).After(TimeSpan.FromSeconds(5));
        };

        var run = await CliRun.RunCancellableAsync(cancel.Token, "preview", _taxonomy.Root, "--out", _out.Path, "--teacher-url", _server.BaseUrl.ToString(), "--model", "m");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Preview interrupted: 1 of 1 samples kept", run.Stderr, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out.Path, "report.json")));
        Assert.Equal("interrupted", report.RootElement.GetProperty("preview").GetProperty("status").GetString());
        Assert.Single(File.ReadAllLines(Path.Combine(_out.Path, "samples.jsonl")));
        Assert.Contains("Preview interrupted", File.ReadAllText(Path.Combine(_out.Path, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_request_mode_previews_only_the_changed_leaves()
    {
        using var repo = new TaxonomyRepoFixture();
        repo.WriteLeaf("compositional_skills/math/old", SampleLeaves.FreeformSkill);
        repo.Commit("Initial taxonomy");
        repo.Branch("pr");
        repo.WriteLeaf("compositional_skills/math/new_leaf", SampleLeaves.FreeformSkill.Replace("Answer arithmetic questions.", "Answer sums.", StringComparison.Ordinal));
        repo.Commit("Add a leaf");

        var run = await CliRun.RunAsync("preview", repo.Root, "--base", "main", "--head", "pr", "--out", _out.Path,
            "--teacher-url", _server.BaseUrl.ToString(), "--model", "m", "--samples", "1");

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out.Path, "report.json")));
        var leaf = Assert.Single(report.RootElement.GetProperty("leaves").EnumerateArray());
        Assert.Equal("compositional_skills/math/new_leaf", leaf.GetProperty("path").GetString());
        Assert.All(_server.Calls.Where(call => call.SchemaName == "freeform-questions"), call => Assert.Contains("Task: Answer sums.", call.User, StringComparison.Ordinal));
    }
}
