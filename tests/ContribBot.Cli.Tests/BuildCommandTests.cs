using System.Text.Json;
using ContribBot.Testing;
using ContribBot.Testing.FakeOpenAi;
using YamlDotNet.RepresentationModel;

namespace ContribBot.Cli.Tests;

/// <summary>
/// <c>contribbot build</c> and <c>merge</c> on the example taxonomy against the scripted fake teacher: the files
/// InstructLab trains on, the cache, determinism, shards and what merge refuses.
/// </summary>
public sealed partial class BuildCommandTests : IAsyncLifetime, IDisposable
{
    // Small counts keep each build to a few hundred calls; the shape of the work is the same.
    private const string SmallBuild = "generation:\n  samples_per_seed: 5\n  contexts_per_seed: 2\n";

    private static readonly string[] RowFiles = ["knowledge_train_msgs.jsonl", "skills_train_msgs.jsonl", "test.jsonl"];
    private static readonly string[] AllFiles = [.. RowFiles, "manifest.json", "README.md"];

    private readonly ExampleTaxonomyCopy _example = new();
    private readonly TempDirectory _work = new();
    private FakeOpenAiServer _server = null!;
    private bool _ownResponder;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _example.Taxonomy.WriteFile(".github/contribbot.yml", SmallBuild);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _example.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task A_build_writes_the_files_instructlab_trains_on_with_a_manifest_and_a_card()
    {
        var run = await BuildAsync("dataset");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Built 3 of 3 leaf(s)", run.Stderr, StringComparison.Ordinal);
        var knowledge = Rows("dataset/knowledge_train_msgs.jsonl");
        var skills = Rows("dataset/skills_train_msgs.jsonl");
        var test = Rows("dataset/test.jsonl");
        Assert.NotEmpty(knowledge);
        Assert.NotEmpty(skills);
        Assert.All(knowledge.Concat(skills).Concat(test), row =>
        {
            Assert.Equal(["id", "messages", "metadata", "unmask"], row.EnumerateObject().Select(p => p.Name));
            Assert.Equal(["system", "user", "assistant"], row.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
            Assert.Equal(JsonValueKind.String, row.GetProperty("metadata").ValueKind);
        });
        Assert.All(knowledge, row => Assert.True(row.GetProperty("unmask").GetBoolean()));
        Assert.All(skills, row => Assert.False(row.GetProperty("unmask").GetBoolean()));
        var metadata = JsonDocument.Parse(knowledge[0].GetProperty("metadata").GetString()!).RootElement;
        Assert.Equal("knowledge/science/astronomy/moon_phases", metadata.GetProperty("leaf").GetString());
        Assert.True(metadata.GetProperty("synthetic").GetBoolean());
        Assert.Equal("teacher-1", metadata.GetProperty("teacher").GetString());
        Assert.All(test, row => Assert.False(JsonDocument.Parse(row.GetProperty("metadata").GetString()!).RootElement.GetProperty("synthetic").GetBoolean()));
        // The seeds are the test set, never mixed into the training files.
        var seedAnswers = test.Select(Assistant).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(knowledge.Concat(skills), row => seedAnswers.Contains(Assistant(row)));

        using var manifest = JsonDocument.Parse(File.ReadAllText(_work.Combine("dataset/manifest.json")));
        Assert.Equal(3, manifest.RootElement.GetProperty("leaves").GetArrayLength());
        Assert.All(manifest.RootElement.GetProperty("files").EnumerateArray(), file =>
            Assert.Equal(Sha256(_work.Combine("dataset/" + file.GetProperty("name").GetString())), file.GetProperty("sha256").GetString()));

        // The same rows as Parquet, read back: ids, messages, metadata and unmask as in the JSONL.
        foreach (var name in RowFiles)
        {
            var jsonl = Rows("dataset/" + name);
            var parquet = await Core.Reports.Dataset.ParquetRows.ReadAsync(_work.Combine("dataset/" + Core.Reports.Dataset.ParquetRows.FileFor(name)), CancellationToken.None);
            Assert.Equal(jsonl.Select(row => row.GetProperty("id").GetString()), parquet.Select(row => row.Id));
            Assert.Equal(jsonl.Select(row => row.GetProperty("metadata").GetString()), parquet.Select(row => row.Metadata));
            Assert.Equal(jsonl.Select(row => row.GetProperty("unmask").GetBoolean()), parquet.Select(row => row.Unmask));
            Assert.Equal(jsonl.Select(Assistant), parquet.Select(row => row.Messages[2].Content));
            Assert.All(parquet, row => Assert.Equal(["system", "user", "assistant"], row.Messages.Select(m => m.Role)));
        }

        // And DuckDB reads them as a table: messages is a list of structs.
        using (var duck = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:"))
        {
            duck.Open();
            using var query = duck.CreateCommand();
            query.CommandText = $"SELECT count(*), bool_and(unmask), min(messages[3].content) FROM read_parquet('{_work.Combine("dataset/data/knowledge_train_msgs.parquet").Replace("'", "''", StringComparison.Ordinal)}')";
            using var reader = query.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal(knowledge.Count, Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(reader.GetBoolean(1));
            Assert.Equal(knowledge.Select(Assistant).Min(StringComparer.Ordinal), reader.GetString(2));
        }

        var card = FrontMatter(File.ReadAllText(_work.Combine("dataset/README.md")));
        Assert.Equal("synthetic", ((YamlScalarNode)((YamlSequenceNode)card["tags"])[0]).Value);
        Assert.Equal("machine-generated", ((YamlScalarNode)((YamlSequenceNode)card["annotations_creators"])[0]).Value);
        Assert.Equal(3, ((YamlSequenceNode)card["configs"]).Children.Count);
    }

    [Fact]
    public async Task A_rebuild_with_nothing_changed_calls_no_one_and_writes_the_same_bytes()
    {
        await BuildAsync("first");
        var calls = _server.Calls.Count;

        var again = await BuildAsync("second");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(calls, _server.Calls.Count);
        Assert.Contains("3 from the cache", again.Stderr, StringComparison.Ordinal);
        // The rows and the card are the same bytes; the manifest differs only in saying the leaves came from the cache.
        Assert.All(RowFiles.Append("README.md"), name =>
            Assert.Equal(File.ReadAllBytes(_work.Combine("first/" + name)), File.ReadAllBytes(_work.Combine("second/" + name))));
    }

    [Fact]
    public async Task Two_builds_with_empty_caches_give_byte_identical_files()
    {
        await BuildWithCacheAsync("a", "cache-a");
        await BuildWithCacheAsync("b", "cache-b");

        Assert.All(AllFiles, name =>
            Assert.Equal(File.ReadAllBytes(_work.Combine("a/" + name)), File.ReadAllBytes(_work.Combine("b/" + name))));
    }

    [Fact]
    public async Task Changing_one_leaf_generates_only_that_leaf_again_and_a_renamed_leaf_keeps_its_output()
    {
        await BuildAsync("first");
        var leaf = _example.Taxonomy.Combine("compositional_skills/writing/freeform/haiku/qna.yaml");
        File.WriteAllText(leaf, File.ReadAllText(leaf).Replace("Write a haiku", "Compose a haiku", StringComparison.Ordinal));
        Directory.Move(_example.Taxonomy.Combine("compositional_skills/extraction"), _example.Taxonomy.Combine("compositional_skills/pulling_out"));
        var before = _server.Calls.Count;

        var run = await BuildAsync("second");

        Assert.Equal(0, run.ExitCode);
        using var manifest = JsonDocument.Parse(File.ReadAllText(_work.Combine("second/manifest.json")));
        var cached = manifest.RootElement.GetProperty("leaves").EnumerateArray()
            .ToDictionary(l => l.GetProperty("leaf").GetString()!, l => l.GetProperty("cached").GetBoolean());
        Assert.False(cached["compositional_skills/writing/freeform/haiku"]);
        Assert.True(cached["knowledge/science/astronomy/moon_phases"]);
        Assert.Contains(cached, pair => pair.Key.StartsWith("compositional_skills/pulling_out/", StringComparison.Ordinal) && pair.Value);
        // Every new call is the changed leaf's: its task or seeds are in every prompt.
        Assert.All(_server.Calls.Skip(before), call => Assert.Contains("haiku", call.User, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(Rows("second/skills_train_msgs.jsonl"), row => row.GetProperty("metadata").GetString()!.Contains("compositional_skills/pulling_out/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_leaves_with_the_same_content_are_generated_once_and_each_gets_its_rows()
    {
        await BuildAsync("single");
        var single = _server.Calls.Count;
        foreach (var file in Directory.GetFiles(_example.Taxonomy.Combine("compositional_skills/writing/freeform/haiku")))
        {
            _example.Taxonomy.WriteFile("compositional_skills/writing/freeform/haiku_again/" + Path.GetFileName(file), File.ReadAllText(file));
        }

        var run = await BuildWithCacheAsync("doubled", "other-cache");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(single, _server.Calls.Count - single);
        var skills = Rows("doubled/skills_train_msgs.jsonl").Select(row => row.GetProperty("metadata").GetString()!).ToList();
        var first = skills.Count(m => m.Contains("\"compositional_skills/writing/freeform/haiku\"", StringComparison.Ordinal));
        Assert.True(first > 0);
        Assert.Equal(first, skills.Count(m => m.Contains("\"compositional_skills/writing/freeform/haiku_again\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rows_that_repeat_rows_of_another_leaf_are_dropped_across_the_dataset_alike_in_shards_and_whole()
    {
        foreach (var file in Directory.GetFiles(_example.Taxonomy.Combine("compositional_skills/writing/freeform/haiku")))
        {
            _example.Taxonomy.WriteFile("compositional_skills/writing/freeform/haiku_again/" + Path.GetFileName(file), File.ReadAllText(file));
        }

        _example.Taxonomy.WriteFile(".github/contribbot.yml", SmallBuild + "build:\n  near_duplicates: 0.8\n");

        var whole = await BuildAsync("whole");
        await BuildAsync("shard-1", "--shard", "1/2");
        await BuildAsync("shard-2", "--shard", "2/2");
        var merge = await CliRun.RunAsync("merge", _work.Combine("shard-2"), _work.Combine("shard-1"), "--out", _work.Combine("merged"));

        Assert.Equal((0, 0), (whole.ExitCode, merge.ExitCode));
        using var manifest = JsonDocument.Parse(File.ReadAllText(_work.Combine("whole/manifest.json")));
        var leaves = manifest.RootElement.GetProperty("leaves").EnumerateArray().ToDictionary(l => l.GetProperty("leaf").GetString()!);
        var first = leaves["compositional_skills/writing/freeform/haiku"];
        var again = leaves["compositional_skills/writing/freeform/haiku_again"];
        // The second leaf's rows are the first's: every one goes, none of the first's.
        Assert.Equal(0, again.GetProperty("kept").GetInt32());
        Assert.Equal(first.GetProperty("kept").GetInt32(), again.GetProperty("dropped").GetProperty("dataset-near-duplicate").GetInt32());
        Assert.False(first.GetProperty("dropped").TryGetProperty("dataset-near-duplicate", out _));
        Assert.DoesNotContain(Rows("whole/skills_train_msgs.jsonl"), row => row.GetProperty("metadata").GetString()!.Contains("haiku_again", StringComparison.Ordinal));
        var near = manifest.RootElement.GetProperty("nearDuplicates");
        var droppedInLeaves = leaves.Values.Sum(l => l.GetProperty("dropped").TryGetProperty("dataset-near-duplicate", out var n) ? n.GetInt32() : 0);
        Assert.Equal((0.8, droppedInLeaves), (near.GetProperty("threshold").GetDouble(), near.GetProperty("dropped").GetInt32()));
        Assert.Contains("Near-duplicates across the dataset", File.ReadAllText(_work.Combine("whole/README.md")), StringComparison.Ordinal);
        // Sharded or whole, the same rows survive: duplicates are dropped at the merge, in one order.
        Assert.All(RowFiles, name => Assert.Equal(File.ReadAllBytes(_work.Combine("whole/" + name)), File.ReadAllBytes(_work.Combine("merged/" + name))));
        using var merged = JsonDocument.Parse(File.ReadAllText(_work.Combine("merged/manifest.json")));
        Assert.Equal(droppedInLeaves, merged.RootElement.GetProperty("nearDuplicates").GetProperty("dropped").GetInt32());
    }

    [Fact]
    public async Task Generated_rows_with_personal_data_are_masked_or_dropped_as_configured_from_the_same_cache()
    {
        // A teacher that writes a real-looking address into its answers for the haiku leaf.
        _ownResponder = true;
        var teacher = new ScriptedTeacher();
        _server.Responder = call => teacher.Reply(call) is var reply && reply.Content is { } content && call.User.Contains("haiku", StringComparison.OrdinalIgnoreCase)
            ? reply with { Content = content.Replace("A careful answer", "A careful answer (ask jane.doe@acme-corp.com)", StringComparison.Ordinal) }
            : reply;
        _example.Taxonomy.WriteFile(".github/contribbot.yml", SmallBuild + "build:\n  personal_data: mask\n");
        var masked = await BuildAsync("masked");
        var calls = _server.Calls.Count;
        _example.Taxonomy.WriteFile(".github/contribbot.yml", SmallBuild + "build:\n  personal_data: drop\n");
        var dropped = await BuildAsync("dropped");

        Assert.Equal((0, 0, calls), (masked.ExitCode, dropped.ExitCode, _server.Calls.Count)); // the setting changes rows, not replies
        var maskedRows = Rows("masked/skills_train_msgs.jsonl");
        Assert.DoesNotContain(maskedRows, row => row.ToString().Contains("jane.doe@acme-corp.com", StringComparison.Ordinal));
        var withMask = maskedRows.Where(row => row.ToString().Contains("[e-mail address]", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(withMask);
        Assert.All(withMask, row => Assert.True(Metadata(row).GetProperty("pii_masked").GetInt32() > 0));
        using var maskedManifest = JsonDocument.Parse(File.ReadAllText(_work.Combine("masked/manifest.json")));
        Assert.Equal(withMask.Count, maskedManifest.RootElement.GetProperty("personalData").GetProperty("masked").GetInt32());
        Assert.Contains("Personal data: generated rows holding", File.ReadAllText(_work.Combine("masked/README.md")), StringComparison.Ordinal);

        Assert.DoesNotContain(Rows("dropped/skills_train_msgs.jsonl"), row => row.ToString().Contains("acme-corp", StringComparison.Ordinal));
        Assert.Equal(maskedRows.Count - withMask.Count, Rows("dropped/skills_train_msgs.jsonl").Count);
        Assert.True(withMask.Count < maskedRows.Count, "every row was touched; the test would not tell dropping from masking");
        using var droppedManifest = JsonDocument.Parse(File.ReadAllText(_work.Combine("dropped/manifest.json")));
        Assert.Equal(withMask.Count, droppedManifest.RootElement.GetProperty("leaves").EnumerateArray()
            .Sum(l => l.GetProperty("dropped").TryGetProperty("pii", out var n) ? n.GetInt32() : 0));
    }

    [Fact]
    public async Task Rows_holding_an_item_of_a_named_evaluation_set_are_dropped_as_contaminated_and_a_bad_set_names_its_line()
    {
        await BuildAsync("first");
        var calls = _server.Calls.Count;
        var leaked = Rows("first/skills_train_msgs.jsonl")[0];
        var question = leaked.GetProperty("messages")[1].GetProperty("content").GetString()!;
        _example.Taxonomy.WriteFile("evals/leaked.jsonl",
            JsonSerializer.Serialize(new { messages = new[] { new { role = "user", content = question }, new { role = "assistant", content = "x" } } }) + "\n" +
            JsonSerializer.Serialize(new { question = "An unrelated question about the boiling point of water at altitude in the Andes mountains of Peru" }) + "\n");
        _example.Taxonomy.WriteFile(".github/contribbot.yml", SmallBuild + "build:\n  decontaminate: [evals/leaked.jsonl]\n");

        var run = await BuildAsync("clean");
        _example.Taxonomy.WriteFile("evals/leaked.jsonl", "{\"question\": \"fine\"}\n[1, 2]\n");
        var broken = await BuildAsync("broken");

        Assert.Equal((0, calls), (run.ExitCode, _server.Calls.Count));
        var clean = Rows("clean/skills_train_msgs.jsonl");
        Assert.DoesNotContain(clean, row => row.GetProperty("messages")[1].GetProperty("content").GetString() == question);
        using var manifest = JsonDocument.Parse(File.ReadAllText(_work.Combine("clean/manifest.json")));
        var decontamination = manifest.RootElement.GetProperty("decontamination");
        var dropped = decontamination.GetProperty("dropped").GetInt32();
        Assert.True(dropped >= 1);
        // The scripted teacher writes alike questions: the leaked item takes its look-alikes in every leaf with it.
        Assert.Equal(Rows("first/skills_train_msgs.jsonl").Count + Rows("first/knowledge_train_msgs.jsonl").Count - dropped,
            clean.Count + Rows("clean/knowledge_train_msgs.jsonl").Count);
        Assert.Equal(dropped, manifest.RootElement.GetProperty("leaves").EnumerateArray().Sum(l => l.GetProperty("dropped").TryGetProperty("contaminated", out var n) ? n.GetInt32() : 0));
        Assert.Contains("Decontamination: ", File.ReadAllText(_work.Combine("clean/README.md")), StringComparison.Ordinal);
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("evals/leaked.jsonl:2: not an evaluation item", broken.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leaf_failing_a_quality_gate_is_left_out_reported_and_the_build_exits_1_while_lenient_gates_keep_everything()
    {
        _example.Taxonomy.WriteFile(".github/contribbot.yml", SmallBuild + "gates:\n  min_pass_rate: 0.01\n  max_seed_copy_share: 0.99\n  min_distinct_2: 0.01\n");
        var lenient = await BuildAsync("lenient");
        _example.Taxonomy.WriteFile(".github/contribbot.yml", SmallBuild + "gates:\n  min_distinct_2: 0.99\n");
        var strict = await BuildAsync("strict");

        Assert.Equal(0, lenient.ExitCode);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("failed the quality gates: distinct-2", strict.Stderr, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(_work.Combine("strict/manifest.json")));
        Assert.True(manifest.RootElement.GetProperty("partial").GetBoolean());
        var failed = manifest.RootElement.GetProperty("leaves").EnumerateArray().Where(l => l.GetProperty("failure").ValueKind == JsonValueKind.String).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, leaf => Assert.True(leaf.GetProperty("kept").GetInt32() > 0)); // counts kept, rows not written
        var written = Rows("strict/skills_train_msgs.jsonl").Concat(Rows("strict/knowledge_train_msgs.jsonl")).Select(row => Metadata(row).GetProperty("leaf").GetString()).ToHashSet();
        Assert.All(failed, leaf => Assert.DoesNotContain(leaf.GetProperty("leaf").GetString(), written));
        Assert.Contains("failed the quality gates", File.ReadAllText(_work.Combine("strict/README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shards_built_apart_and_merged_give_the_same_dataset_as_one_build()
    {
        await BuildAsync("whole");
        Assert.Equal(0, (await BuildAsync("shard-1", "--shard", "1/2")).ExitCode);
        Assert.Equal(0, (await BuildAsync("shard-2", "--shard", "2/2")).ExitCode);

        var merge = await CliRun.RunAsync("merge", _work.Combine("shard-2"), _work.Combine("shard-1"), "--out", _work.Combine("merged"));

        Assert.Equal(0, merge.ExitCode);
        Assert.Contains("Merged 2 shard(s), 3 leaf(s)", merge.Stderr, StringComparison.Ordinal);
        Assert.All(RowFiles, name =>
            Assert.Equal(File.ReadAllBytes(_work.Combine("whole/" + name)), File.ReadAllBytes(_work.Combine("merged/" + name))));
    }

    [Fact]
    public async Task Merge_refuses_missing_doubled_damaged_and_foreign_shards()
    {
        await BuildAsync("shard-1", "--shard", "1/2");
        await BuildAsync("shard-2", "--shard", "2/2");
        await BuildAsync("other-2", "--shard", "2/2", "--critic-model", "another-critic");

        var missing = await Merge("shard-1");
        var doubled = await Merge("shard-1", "shard-1");
        var foreign = await Merge("shard-1", "other-2");
        File.AppendAllText(_work.Combine("shard-2/test.jsonl"), "{}\n");
        var damaged = await Merge("shard-1", "shard-2");

        Assert.Contains("shard(s) 2/2 missing", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("shard 1/2 is given twice", doubled.Stderr, StringComparison.Ordinal);
        Assert.Contains("other settings, prompts or models", foreign.Stderr, StringComparison.Ordinal);
        Assert.Contains("test.jsonl has", damaged.Stderr, StringComparison.Ordinal);
        Assert.All(new[] { missing, doubled, foreign, damaged }, run => Assert.Equal(1, run.ExitCode));
        Assert.False(File.Exists(_work.Combine("merged/manifest.json")));
    }

    [Fact]
    public async Task Replies_that_came_back_before_a_failure_are_not_paid_for_again()
    {
        // The teacher fails for good after 40 calls: the build fails, but what came back is journaled.
        _ownResponder = true;
        var answered = 0;
        var teacher = new ScriptedTeacher();
        _server.Responder = call => Interlocked.Increment(ref answered) <= 40 ? teacher.Reply(call) : FakeReply.Error(System.Net.HttpStatusCode.BadRequest, "gone");
        var failed = await BuildAsync("first");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("failed:", failed.Stderr, StringComparison.Ordinal);
        Assert.Equal(40, Directory.EnumerateFiles(_work.Combine("cache/replies")).Sum(file => File.ReadAllLines(file).Length));

        // The same teacher, healthy again: it has seen exactly the prompts it answered.
        _server.Responder = teacher.Reply;
        var before = _server.Calls.Count;
        var resumed = await BuildAsync("second", "--resume");
        var resumedCalls = _server.Calls.Count - before;
        _ownResponder = false;
        before = _server.Calls.Count;
        await BuildWithCacheAsync("fresh", "fresh-cache");
        var freshCalls = _server.Calls.Count - before;

        Assert.Equal(0, resumed.ExitCode);
        var replayed = int.Parse(System.Text.RegularExpressions.Regex.Match(resumed.Stderr, @"\((\d+) replayed from the journal\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(replayed >= 40, resumed.Stderr); // a reply asked for twice is replayed twice
        // Not one of the 40 answered calls was made again: the resumed build sent exactly what a fresh build sends, less those.
        Assert.Contains("Built 0 of 3 leaf(s)", failed.Stderr, StringComparison.Ordinal);
        Assert.Equal(freshCalls, resumedCalls + 40);
        Assert.All(RowFiles, name => Assert.Equal(File.ReadAllBytes(_work.Combine("fresh/" + name)), File.ReadAllBytes(_work.Combine("second/" + name))));
    }

    [Fact]
    public async Task A_build_killed_half_way_resumes_repeating_at_most_the_calls_in_flight()
    {
        // A teacher that answers a prompt the same however often it is sent: calls in flight at the kill are sent again.
        _ownResponder = true;
        _server.Responder = new ScriptedTeacher { Stateless = true }.Reply;
        await BuildWithCacheAsync("fresh", "fresh-cache");
        var fresh = _server.Calls.Count;

        // The same build in a child process, killed (SIGKILL) once about half of its calls have been answered.
        _server.Latency = TimeSpan.FromMilliseconds(20);
        var start = _server.Calls.Count;
        var child = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList = { CliAssembly(), "build", _example.Root, "--allow-local-repos", "--out", _work.Combine("killed"),
                "--cache", _work.Combine("cache"), "--teacher-url", _server.BaseUrl.ToString(), "--model", "teacher-1" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        child.Environment["CONTRIBBOT_CACHE_DIR"] = _example.Environment["CONTRIBBOT_CACHE_DIR"];
        using (var process = System.Diagnostics.Process.Start(child)!)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (_server.Calls.Count - start < fresh / 2 && !process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(5);
            Assert.False(process.HasExited, $"the build ended before it could be killed ({_server.Calls.Count - start} calls): {(process.HasExited ? process.StandardError.ReadToEnd() : string.Empty)}");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var sentBeforeKill = _server.Calls.Count - start;
        _server.Latency = TimeSpan.Zero;
        var before = _server.Calls.Count;
        var resumed = await BuildAsync("resumed", "--resume");
        var sentAfter = _server.Calls.Count - before;

        Assert.Equal(0, resumed.ExitCode);
        // Everything answered before the kill was journaled, so only calls still in flight are made again (at most 8).
        var repeated = sentBeforeKill + sentAfter - fresh;
        Assert.InRange(repeated, 0, 8);
        Assert.All(RowFiles, name => Assert.Equal(File.ReadAllBytes(_work.Combine("fresh/" + name)), File.ReadAllBytes(_work.Combine("resumed/" + name))));
    }

    [Fact]
    public async Task A_cost_limit_stops_before_spending_and_the_next_run_goes_on()
    {
        var stopped = await BuildAsync("stopped", "--max-cost", "0.0001");

        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("Stopped at --max-cost", stopped.Stderr, StringComparison.Ordinal);
        Assert.Contains("not built: the estimated spend would pass --max-cost", stopped.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Calls);

        var resumed = await BuildAsync("resumed", "--max-cost", "100");

        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("Built 3 of 3 leaf(s)", resumed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_like_a_sample_maintainers_rejected_are_dropped_from_the_cached_build_and_the_card_states_the_review()
    {
        await BuildAsync("first");
        var calls = _server.Calls.Count;
        var haiku = Rows("first/skills_train_msgs.jsonl").Where(row => Metadata(row).GetProperty("leaf").GetString() == "compositional_skills/writing/freeform/haiku").ToList();
        var (bad, good) = (haiku[0], haiku[^1]);
        File.WriteAllLines(_work.Combine("reviews.jsonl"),
        [
            Review(bad, good: false, "a haiku of four lines", "2026-12-01T10:00:00Z", "s1"),
            Review(good, good: true, null, "2026-12-01T10:05:00Z", "s2"),
            "",
        ]);

        var run = await BuildAsync("reviewed", "--reviews", _work.Combine("reviews.jsonl"), "--reject-likeness", "0.95");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(calls, _server.Calls.Count); // a review changes rows, never replies: all from the cache
        Assert.Contains("Human review: 2 verdict(s) (1 bad); 1 row(s) like a rejected sample dropped.", run.Stderr, StringComparison.Ordinal);
        var skills = Rows("reviewed/skills_train_msgs.jsonl");
        Assert.DoesNotContain(skills, row => row.GetProperty("id").GetString() == bad.GetProperty("id").GetString());
        Assert.Contains(skills, row => row.GetProperty("id").GetString() == good.GetProperty("id").GetString());
        Assert.Equal(Rows("first/skills_train_msgs.jsonl").Count - 1, skills.Count);
        Assert.Equal(File.ReadAllBytes(_work.Combine("first/knowledge_train_msgs.jsonl")), File.ReadAllBytes(_work.Combine("reviewed/knowledge_train_msgs.jsonl")));
        using var manifest = JsonDocument.Parse(File.ReadAllText(_work.Combine("reviewed/manifest.json")));
        var leaf = manifest.RootElement.GetProperty("leaves").EnumerateArray().Single(l => l.GetProperty("leaf").GetString() == "compositional_skills/writing/freeform/haiku");
        Assert.Equal(1, leaf.GetProperty("dropped").GetProperty("human-rejected").GetInt32());
        var reviews = manifest.RootElement.GetProperty("reviews");
        Assert.Equal((2, 1, 1, 1), (reviews.GetProperty("reviewed").GetInt32(), reviews.GetProperty("good").GetInt32(), reviews.GetProperty("bad").GetInt32(),
            reviews.GetProperty("pullRequests").GetInt32()));
        var card = File.ReadAllText(_work.Combine("reviewed/README.md"));
        Assert.Contains("## Human review", card, StringComparison.Ordinal);
        Assert.Contains("Maintainers reviewed 2 previewed sample(s) in 1 pull request(s), by 1 reviewer(s): 1 good, 1 bad.", card, StringComparison.Ordinal);
        Assert.Contains("| `human-rejected` | 1 |", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_reviews_file_is_a_usage_error_naming_its_line_and_shards_with_other_reviews_do_not_merge()
    {
        File.WriteAllLines(_work.Combine("broken.jsonl"), ["{\"leaf\": \"a\", \"seed\": 0}"]);
        var broken = await BuildAsync("broken", "--reviews", _work.Combine("broken.jsonl"));
        await BuildAsync("shard-1", "--shard", "1/2");
        File.WriteAllLines(_work.Combine("reviews.jsonl"), [Review(Rows("shard-1/skills_train_msgs.jsonl").Count > 0 ? Rows("shard-1/skills_train_msgs.jsonl")[0] : Rows("shard-1/knowledge_train_msgs.jsonl")[0],
            good: false, null, "2026-12-01T10:00:00Z", "s1")]);
        await BuildAsync("shard-2", "--shard", "2/2", "--reviews", _work.Combine("reviews.jsonl"));

        var merge = await CliRun.RunAsync("merge", _work.Combine("shard-1"), _work.Combine("shard-2"), "--out", _work.Combine("merged"));

        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("--reviews: " + _work.Combine("broken.jsonl") + ":1: not a review", broken.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, merge.ExitCode);
        Assert.Contains("was built with other reviews than", merge.Stderr, StringComparison.Ordinal);
    }

    private static JsonElement Metadata(JsonElement row) => JsonDocument.Parse(row.GetProperty("metadata").GetString()!).RootElement;

    /// <summary>A reviews-file line for the sample a training row holds (a freeform skill's user message is its question).</summary>
    private static string Review(JsonElement row, bool good, string? reason, string at, string id)
    {
        var metadata = Metadata(row);
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["leaf"] = metadata.GetProperty("leaf").GetString(), ["seed"] = metadata.GetProperty("seed").GetInt32(),
            ["question"] = row.GetProperty("messages")[1].GetProperty("content").GetString(), ["answer"] = Assistant(row),
            ["criticKept"] = true, ["good"] = good, ["reason"] = reason, ["reviewer"] = "maintainer", ["at"] = at,
            ["pullRequest"] = "octo-org/taxonomy#12", ["sample"] = id,
        });
    }

    [Fact]
    public async Task Without_a_teacher_the_build_is_a_dry_run_with_its_cost()
    {
        var run = await CliRun.RunWithEnvironmentAsync(_example.Environment, "build", _example.Root, "--allow-local-repos", "--out", _work.Combine("dry"));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("DRY RUN", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"3 leaf\(s\) in this build, 0 already in the cache; the others would make [\d,]+ calls", run.Stdout);
        Assert.Matches(@"(?m)^planned_calls=\d+$", run.Stdout);
        Assert.Empty(_server.Calls);
        Assert.False(Directory.Exists(_work.Combine("dry")));
        Assert.DoesNotContain("no qna.yaml found", run.Stderr, StringComparison.Ordinal);

        var empty = await CliRun.RunAsync("build", _work.Path, "--dry-run");
        Assert.Contains("warning: no qna.yaml found under", empty.Stderr, StringComparison.Ordinal);
    }

    private Task<CliRun> BuildAsync(string output, params string[] extra) => BuildWithCacheAsync(output, "cache", extra);

    /// <summary>
    /// A build against a teacher that has seen nothing yet: the scripted teacher's replies depend on how often it saw a
    /// prompt, so "the same replies" means a fresh one per build (unless the test set a responder of its own).
    /// </summary>
    private Task<CliRun> BuildWithCacheAsync(string output, string cache, params string[] extra)
    {
        if (!_ownResponder) _server.Responder = new ScriptedTeacher().Reply;
        return CliRun.RunWithEnvironmentAsync(_example.Environment,
        [
            "build", _example.Root, "--allow-local-repos", "--out", _work.Combine(output), "--cache", _work.Combine(cache),
            "--teacher-url", _server.BaseUrl.ToString(), "--model", "teacher-1", .. extra,
        ]);
    }

    /// <summary>The CLI as its own project built it (the test's folder resolves dependencies for the tests, not for the tool).</summary>
    private static string CliAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // …/bin/CONFIGURATION/net10.0/
        var path = Path.Combine(RepositoryPaths.Root, "src", "ContribBot.Cli", "bin", configuration, "net10.0", "contribbot.dll");
        Assert.True(File.Exists(path), $"{path} is not built");
        return path;
    }

    private Task<CliRun> Merge(params string[] shards) =>
        CliRun.RunAsync(["merge", .. shards.Select(_work.Combine), "--out", _work.Combine("merged")]);

    private List<JsonElement> Rows(string relative) =>
        File.ReadAllLines(_work.Combine(relative)).Select(line => JsonDocument.Parse(line).RootElement).ToList();

    private static string Assistant(JsonElement row) => row.GetProperty("messages")[2].GetProperty("content").GetString()!;

    private static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    private static YamlMappingNode FrontMatter(string card)
    {
        Assert.StartsWith("---\n", card, StringComparison.Ordinal);
        var yaml = card[4..card.IndexOf("\n---\n", 4, StringComparison.Ordinal)];
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
