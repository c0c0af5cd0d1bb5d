using System.Text.Json;
using ContribBot.Testing.FakeOpenAi;

namespace ContribBot.Cli.Tests;

/// <summary>The generation methods, lineage, the replay mix and the synthetic-share gate, through <c>build</c> and <c>merge</c>.</summary>
public sealed partial class BuildCommandTests
{
    private const string EveryMethod =
        "evolve:\n  depth: 2\n  per_seed: 1\nrevise:\n  margin: 1\nlineage:\n  max_depth: 1\n" +
        "represent:\n  - { style: textbook section, audience: college students }\n  - { style: story, audience: young children }\n" +
        "mix:\n  - { path: data/general.jsonl, rows: 3 }\n  - { path: data/previous.jsonl, ratio: 0.5, phase: knowledge }\n" +
        "build:\n  near_duplicates: 0.8\n  decontaminate: [evals/held-out.jsonl]\n  personal_data: mask\n" +
        "gates:\n  min_pass_rate: 0.01\n  max_synthetic_share: 0.99\n";

    [Fact]
    public async Task A_build_with_every_method_on_records_each_in_its_rows_and_states_them_with_counts_in_the_card()
    {
        WriteMixFiles();
        _example.Taxonomy.WriteFile("evals/held-out.jsonl", "{\"question\": \"What is the boiling point of water on the summit of Everest?\"}\n");
        _example.Taxonomy.WriteFile(".github/contribbot.yml", SmallBuild + EveryMethod);
        // Near misses for every skill sample, so each gets a revision (which the scripted critic then passes).
        var teacher = new ScriptedTeacher { Scores = { ["answer_quality"] = 1 } };
        _ownResponder = true;
        _server.Responder = teacher.Reply;

        var run = await BuildAsync("dataset");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var skills = Rows("dataset/skills_train_msgs.jsonl");
        var knowledge = Rows("dataset/knowledge_train_msgs.jsonl");
        var generatedSkills = skills.Select(Metadata).Where(m => m.TryGetProperty("leaf", out _)).ToList();
        var generatedKnowledge = knowledge.Select(Metadata).Where(m => m.TryGetProperty("leaf", out _)).ToList();
        Assert.All(generatedSkills.Concat(generatedKnowledge), metadata =>
            Assert.InRange(metadata.GetProperty("lineage").GetProperty("depth").GetInt32(), 0, 1)); // max_depth 1: the second evolution step was refused
        Assert.All(generatedSkills, metadata =>
        {
            var lineage = metadata.GetProperty("lineage");
            Assert.True(lineage.GetProperty("revised").GetBoolean());
            Assert.Equal(1, lineage.GetProperty("scores_before").GetProperty("answer_quality").GetInt32());
        });
        Assert.Contains(generatedSkills, m => Evolution(m) is [var step] && step != "breadth" && m.GetProperty("lineage").GetProperty("depth").GetInt32() == 1);
        Assert.Contains(generatedSkills, m => Evolution(m) is ["breadth"]);
        Assert.Contains(generatedKnowledge, m => m.GetProperty("lineage").TryGetProperty("voice", out var voice) && voice.GetString() == "story for young children");

        var replayed = skills.Select(Metadata).Where(m => m.TryGetProperty("mix", out _)).ToList();
        Assert.Equal(3, replayed.Count);
        Assert.All(replayed, m => Assert.Equal(("data/general.jsonl", false), (m.GetProperty("mix").GetString(), m.GetProperty("synthetic").GetBoolean())));
        var previous = knowledge.Select(Metadata).Where(m => m.TryGetProperty("mix", out _)).ToList();
        Assert.Equal((int)Math.Round(generatedKnowledge.Count * 0.5, MidpointRounding.AwayFromZero), previous.Count);
        Assert.All(previous, m => Assert.True(m.GetProperty("synthetic").GetBoolean())); // the earlier version's rows say they are synthetic

        using var manifest = JsonDocument.Parse(File.ReadAllText(_work.Combine("dataset/manifest.json")));
        var methods = manifest.RootElement.GetProperty("methods");
        Assert.True(methods.GetProperty("evolvedKept").GetInt32() > 0);
        Assert.True(methods.GetProperty("refusedLineage").GetInt32() > 0); // depth 2 asked, generation 1 allowed
        Assert.True(methods.GetProperty("revisedKept").GetInt32() > 0);
        Assert.True(methods.GetProperty("voicedKept").GetInt32() > 0);
        var training = skills.Count + knowledge.Count;
        var synthetic = training - 3;
        Assert.Equal(Math.Round((double)synthetic / training, 4), manifest.RootElement.GetProperty("syntheticShare").GetDouble());
        Assert.Equal(2, manifest.RootElement.GetProperty("mix").GetArrayLength());

        var card = File.ReadAllText(_work.Combine("dataset/README.md"));
        Assert.Contains("## Generation methods", card, StringComparison.Ordinal);
        Assert.Contains($"| Evol-Instruct (evolved questions; failed evolutions eliminated: 0) | {methods.GetProperty("evolved").GetInt32()} | {methods.GetProperty("evolvedKept").GetInt32()} |", card, StringComparison.Ordinal);
        Assert.Contains("| Critique and revise (one revision of a near miss; ", card, StringComparison.Ordinal);
        Assert.Contains($"| Re-representation (knowledge in other voices) | {methods.GetProperty("voiced").GetInt32()} | {methods.GetProperty("voicedKept").GetInt32()} |", card, StringComparison.Ordinal);
        Assert.Contains("refused before they were written", card, StringComparison.Ordinal);
        Assert.Contains("## Mix and synthetic share", card, StringComparison.Ordinal);
        Assert.Contains("| `data/general.jsonl` | skills |", card, StringComparison.Ordinal);
        Assert.Contains($"{synthetic:N0} of the {training:N0} training rows are machine-generated", card, StringComparison.Ordinal);
        Assert.Contains("within the gate of 99 % (`gates.max_synthetic_share`)", card, StringComparison.Ordinal);
        Assert.Contains("Decontamination: ", card, StringComparison.Ordinal);
        Assert.Contains("Near-duplicates across the dataset", card, StringComparison.Ordinal);
        Assert.Contains("Personal data: ", card, StringComparison.Ordinal);

        // From the cache, lineage and all: no call, the same bytes.
        var calls = _server.Calls.Count;
        var again = await BuildAsync("again");
        Assert.Equal((0, calls), (again.ExitCode, _server.Calls.Count));
        Assert.All(RowFiles, name => Assert.Equal(File.ReadAllBytes(_work.Combine("dataset/" + name)), File.ReadAllBytes(_work.Combine("again/" + name))));
    }

    [Fact]
    public async Task A_dataset_above_the_synthetic_share_gate_is_not_written_and_enough_replayed_human_data_lets_it_pass()
    {
        WriteMixFiles();
        _example.Taxonomy.WriteFile(".github/contribbot.yml", SmallBuild + "gates:\n  max_synthetic_share: 0.5\n");
        var alone = await BuildAsync("alone");
        _example.Taxonomy.WriteFile(".github/contribbot.yml", SmallBuild + "gates:\n  max_synthetic_share: 0.5\nmix:\n  - { path: data/general.jsonl, ratio: 2 }\n  - { path: data/general.jsonl, ratio: 2, phase: knowledge }\n");
        var mixed = await BuildAsync("mixed");

        Assert.Equal(1, alone.ExitCode);
        Assert.Contains("gates.max_synthetic_share: ", alone.Stderr, StringComparison.Ordinal);
        Assert.Contains("The dataset was not written (no manifest.json or README.md", alone.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_work.Combine("alone/manifest.json")));
        Assert.False(File.Exists(_work.Combine("alone/README.md")));
        Assert.Equal(0, mixed.ExitCode);
        using var manifest = JsonDocument.Parse(File.ReadAllText(_work.Combine("mixed/manifest.json")));
        Assert.True(manifest.RootElement.GetProperty("syntheticShare").GetDouble() <= 0.5);
    }

    [Fact]
    public async Task Merge_reads_the_mix_from_the_taxonomy_it_is_given_and_refuses_a_changed_file_or_a_row_that_is_not_a_message_list()
    {
        WriteMixFiles();
        _example.Taxonomy.WriteFile(".github/contribbot.yml", SmallBuild + "mix:\n  - { path: data/general.jsonl, rows: 4, seed: 3 }\n");
        await BuildAsync("whole");
        Assert.Equal(0, (await BuildAsync("shard-1", "--shard", "1/2")).ExitCode);
        Assert.Equal(0, (await BuildAsync("shard-2", "--shard", "2/2")).ExitCode);

        var without = await Merge("shard-1", "shard-2");
        var merged = await CliRun.RunAsync(["merge", _work.Combine("shard-1"), _work.Combine("shard-2"), "--out", _work.Combine("merged"), "--taxonomy", _example.Root]);
        _example.Taxonomy.WriteFile("data/general.jsonl", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"hello\"}]}\n[\"not\", \"a row\"]\n");
        var changed = await CliRun.RunAsync(["merge", _work.Combine("shard-1"), _work.Combine("shard-2"), "--out", _work.Combine("changed"), "--taxonomy", _example.Root]);
        var bad = await BuildAsync("bad");

        Assert.Equal(1, without.ExitCode);
        Assert.Contains("pass --taxonomy PATH", without.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, merged.ExitCode);
        Assert.Equal(File.ReadAllBytes(_work.Combine("whole/skills_train_msgs.jsonl")), File.ReadAllBytes(_work.Combine("merged/skills_train_msgs.jsonl")));
        Assert.Equal(4, Rows("merged/skills_train_msgs.jsonl").Count(row => Metadata(row).TryGetProperty("mix", out _)));
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("mix: data/general.jsonl changed since the build", changed.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("data/general.jsonl:2: not a JSON object with a messages array", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_leaf_repeating_an_old_one_loses_its_rows_not_the_old_leaf_even_when_it_sorts_first()
    {
        _example.Taxonomy.WriteFile(".github/contribbot.yml", SmallBuild + "build:\n  near_duplicates: 0.8\n");
        var first = await BuildAsync("v1");
        var haiku = _example.Taxonomy.Combine("compositional_skills/writing/freeform/haiku");
        foreach (var file in Directory.GetFiles(haiku))
        {
            _example.Taxonomy.WriteFile("compositional_skills/writing/freeform/a_copy/" + Path.GetFileName(file), File.ReadAllText(file));
        }

        var second = await BuildAsync("v2");
        var fresh = await BuildWithCacheAsync("fresh", "other-cache");

        Assert.Equal((0, 0, 0), (first.ExitCode, second.ExitCode, fresh.ExitCode));
        static Dictionary<string, int> Kept(JsonElement manifest) =>
            manifest.GetProperty("leaves").EnumerateArray().ToDictionary(leaf => leaf.GetProperty("leaf").GetString()!, leaf => leaf.GetProperty("kept").GetInt32());
        using var v1 = JsonDocument.Parse(File.ReadAllText(_work.Combine("v1/manifest.json")));
        using var v2 = JsonDocument.Parse(File.ReadAllText(_work.Combine("v2/manifest.json")));
        using var alone = JsonDocument.Parse(File.ReadAllText(_work.Combine("fresh/manifest.json")));
        const string Old = "compositional_skills/writing/freeform/haiku", New = "compositional_skills/writing/freeform/a_copy";
        // With the index beside the cache, the old leaf keeps every row it had and the copy gives none...
        Assert.Equal(Kept(v1.RootElement)[Old], Kept(v2.RootElement)[Old]);
        Assert.Equal(0, Kept(v2.RootElement)[New]);
        var near = v2.RootElement.GetProperty("nearDuplicates");
        Assert.True(near.GetProperty("droppedAgainstPrevious").GetInt32() > 0);
        Assert.Equal(near.GetProperty("previousRows").GetInt32(), near.GetProperty("previousRowsStillIn").GetInt32());
        // ...where a first build of the same taxonomy, by path order alone, keeps the copy's and drops the old leaf's.
        Assert.Equal(0, Kept(alone.RootElement)[Old]);
        Assert.Contains("row(s) of the previous version that this one still has were kept first", File.ReadAllText(_work.Combine("v2/README.md")), StringComparison.Ordinal);
    }

    private static string[] Evolution(JsonElement metadata) =>
        [.. metadata.GetProperty("lineage").GetProperty("evolution").EnumerateArray().Select(step => step.GetString()!)];

    /// <summary>Human-written general instructions, and rows of an earlier version of this dataset (which say they are synthetic).</summary>
    private void WriteMixFiles()
    {
        var general = Enumerable.Range(1, 40).Select(i => JsonSerializer.Serialize(new
        {
            messages = new[] { new { role = "user", content = $"Name a use for a paperclip, number {i}." }, new { role = "assistant", content = $"Use {i}: hold papers together." } },
        }));
        var previous = Enumerable.Range(1, 40).Select(i => JsonSerializer.Serialize(new
        {
            id = $"old{i}",
            messages = new[]
            {
                new { role = "system", content = "You are a helpful assistant." }, new { role = "user", content = $"What phase follows phase {i}?" },
                new { role = "assistant", content = "The waxing crescent." },
            },
            metadata = "{\"leaf\":\"knowledge/science/astronomy/moon_phases\",\"synthetic\":true}",
            unmask = true,
        }));
        _example.Taxonomy.WriteFile("data/general.jsonl", string.Join('\n', general) + "\n");
        _example.Taxonomy.WriteFile("data/previous.jsonl", string.Join('\n', previous) + "\n");
    }
}
