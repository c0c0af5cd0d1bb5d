using ContribBot.Core.Configuration;
using ContribBot.Core.Documents;
using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Pipelines;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Core.Reports;
using ContribBot.Core.Reports.Preview;
using ContribBot.Core.Runs.Preview;
using ContribBot.Core.Taxonomy;
using ContribBot.Core.Validation;
using ContribBot.Testing.FakeOpenAi;

namespace ContribBot.Core.Tests.Generation;

/// <summary>Evol-Instruct, critique and revise, and re-representation, end to end against the scripted fake teacher.</summary>
public sealed class MethodTests : IAsyncLifetime
{
    private static readonly PromptLibrary Prompts = PromptLibrary.Default;
    private FakeOpenAiServer _server = null!;
    private ScriptedTeacher _teacher = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _teacher = new ScriptedTeacher();
        _server.Responder = _teacher.Reply;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Evolution_deepens_a_generated_question_step_by_step_and_every_step_records_its_path()
    {
        var settings = GenerationSettings.Default with { Evolve = new EvolutionSettings(2, Breadth: true, PerSeed: 1), MaxDepth = 2 };

        var samples = await BuildAsync(PipelineTests.Freeform(), settings);

        var evolved = samples.Where(sample => sample.Lineage?.Evolution.Count > 0).ToList();
        // Per seed: two in-depth steps and one in-breadth question, all kept.
        Assert.Equal(5 * 3, evolved.Count);
        Assert.All(evolved, sample => Assert.True(sample.Kept, sample.DropReason));
        for (var seed = 0; seed < 5; seed++)
        {
            var chain = evolved.Where(sample => sample.Provenance.Seed == seed && sample.Lineage!.Evolution[0] != "breadth").ToList();
            Assert.Equal([1, 2], chain.Select(sample => sample.Lineage!.Depth));
            // The first step rewrites a question the teacher generated (never the seed, a test item); the second rewrites the first.
            Assert.Contains(samples, parent => parent.Lineage is null && parent.Provenance.Seed == seed &&
                                               chain[0].Question.StartsWith(parent.Question.TrimEnd('?'), StringComparison.Ordinal));
            Assert.DoesNotContain(PipelineTests.Freeform().Examples[seed].Pairs[0].Question.TrimEnd('.'), chain[0].Question, StringComparison.Ordinal);
            Assert.StartsWith(chain[0].Question.TrimEnd('.'), chain[1].Question, StringComparison.Ordinal);
            Assert.Equal(chain[0].Lineage!.Evolution[0], chain[1].Lineage!.Evolution[0]);
            Assert.NotEqual(chain[1].Lineage!.Evolution[0], chain[1].Lineage!.Evolution[1]);
            Assert.Single(evolved, sample => sample.Provenance.Seed == seed && sample.Lineage!.Evolution.SequenceEqual(["breadth"]));
        }

        // Each step was judged against its parent, answered once, and judged by the critic.
        Assert.Equal(15, _server.Calls.Count(call => call.SchemaName == "evolve-equal"));
        Assert.All(evolved, sample => Assert.Single(_server.Calls, call => call.SchemaName == "answer" && call.User.Contains(sample.Question, StringComparison.Ordinal)));
        Assert.All(evolved, sample => Assert.Contains(Prompts.SkillCritic.Id, sample.Provenance.Prompts));
        Assert.Contains(evolved, sample => sample.Provenance.Prompts.Contains(Prompts.EvolveDepth.Id));
        Assert.Contains(evolved, sample => sample.Provenance.Prompts.Contains(Prompts.EvolveBreadth.Id));
    }

    [Fact]
    public async Task A_step_deeper_than_the_allowed_lineage_depth_is_refused_before_it_is_paid_for()
    {
        var settings = GenerationSettings.Default with { Evolve = new EvolutionSettings(3, Breadth: false, PerSeed: 1) };

        var samples = await BuildAsync(PipelineTests.Freeform(), settings);

        var refused = samples.Where(sample => sample.DropReason == DropReasons.Lineage).ToList();
        Assert.Equal(5, refused.Count);
        Assert.All(refused, sample => Assert.Equal(2, sample.Lineage!.Depth));
        Assert.Equal(5, samples.Count(sample => sample.Kept && sample.Lineage?.Depth == 1 && sample.Lineage.Evolution.Count == 1));
        // One in-depth call per seed: the second and third steps were never asked for.
        Assert.Equal(5, _server.Calls.Count(call => call.SchemaName == "evolve-depth"));
        Assert.DoesNotContain(samples, sample => sample.Lineage?.Depth > 2);
    }

    [Theory]
    [InlineData("no-gain", "evolve-equal")]
    [InlineData("copied-prompt", null)]
    [InlineData("apology", "answer")]
    public async Task A_failed_evolution_is_eliminated_as_evol_instruct_prescribes_and_ends_its_chain(string why, string? lastCall)
    {
        _teacher.EvolutionsEqual = why == "no-gain";
        _teacher.EvolutionsCopyPrompt = why == "copied-prompt";
        _teacher.ApologiseToEvolved = why == "apology";
        var settings = GenerationSettings.Default with { Evolve = new EvolutionSettings(3, Breadth: false, PerSeed: 1), MaxDepth = 3 };

        var samples = await BuildAsync(PipelineTests.Freeform(), settings);

        var evolved = samples.Where(sample => sample.Lineage?.Evolution.Count > 0).ToList();
        Assert.Equal(5, evolved.Count); // the first step of each chain fails, and the chain ends there
        Assert.All(evolved, sample => Assert.Equal(DropReasons.FailedEvolution(why), sample.DropReason));
        // The checks stop the step where the method says: no equality call after a copied prompt, no answer after no gain.
        Assert.Equal(why == "copied-prompt" ? 0 : 5, _server.Calls.Count(call => call.SchemaName == "evolve-equal"));
        Assert.Equal(why == "apology" ? 5 : 0, _server.Calls.Count(call => call.SchemaName == "answer" && call.User.Contains("Moreover", StringComparison.Ordinal)));
        Assert.True(lastCall is null || _server.Calls.Any(call => call.SchemaName == lastCall));
        Assert.DoesNotContain(samples, sample => sample.Lineage?.Evolution.Count > 0 && sample.Provenance.Prompts.Contains(Prompts.SkillCritic.Id));
    }

    [Fact]
    public async Task A_near_miss_gets_the_critics_reason_and_one_revision_that_is_judged_again()
    {
        _teacher.Scores["answer_quality"] = 1; // threshold 2: a miss by one, within the default margin
        var settings = GenerationSettings.Default with { Revise = new RevisionSettings(1) };

        var samples = await BuildAsync(PipelineTests.Freeform(), settings);

        // The scripted teacher's small vocabulary repeats questions; those go as duplicates after their revision.
        var judged = samples.Where(sample => sample.DropReason is not (DropReasons.Duplicate or DropReasons.NearDuplicate)).ToList();
        Assert.NotEmpty(judged);
        Assert.All(samples, sample => Assert.True(sample.Lineage!.Revised));
        Assert.All(judged, sample =>
        {
            Assert.True(sample.Kept, sample.DropReason);
            Assert.True(sample.Lineage!.Revised);
            Assert.Equal(1, sample.Lineage.ScoresBefore!["answer_quality"]);
            Assert.Equal(3, sample.Scores["answer_quality"]);
            Assert.Equal(2, sample.Lineage.RevisionCalls);
            Assert.StartsWith("A revised answer about", sample.Answer, StringComparison.Ordinal);
        });
        var revisions = _server.Calls.Where(call => call.SchemaName == "revise").ToList();
        Assert.Equal(samples.Count, revisions.Count);
        Assert.All(revisions, call => Assert.Contains("scripted verdict: the answer should name its sources", call.User, StringComparison.Ordinal));
        Assert.Equal(2 * samples.Count, _server.Calls.Count(call => call.SchemaName == "critic-skill"));
    }

    [Fact]
    public async Task A_miss_wider_than_the_margin_or_a_revision_the_critic_still_refuses_stays_dropped()
    {
        _teacher.Scores["answer_quality"] = 1;
        var wide = GenerationSettings.Default with
        {
            Revise = new RevisionSettings(1),
            Thresholds = new Dictionary<string, int>(GenerationSettings.Default.Thresholds) { ["answer_quality"] = 3 },
        };
        var tooFar = await BuildAsync(PipelineTests.Freeform(), wide);
        var revisionCalls = _server.Calls.Count(call => call.SchemaName == "revise");
        _teacher.RevisionsPass = false;
        var stillBad = await BuildAsync(PipelineTests.Freeform(), GenerationSettings.Default with { Revise = new RevisionSettings(1) });

        Assert.Equal(0, revisionCalls);
        Assert.All(tooFar, sample => Assert.Equal((false, (bool?)null), (sample.Kept, sample.Lineage?.Revised)));
        Assert.NotEmpty(stillBad);
        Assert.All(stillBad, sample =>
        {
            Assert.Equal(DropReasons.LowScore("answer_quality"), sample.DropReason);
            Assert.True(sample.Lineage!.Revised); // revised once, never twice
        });
        Assert.Equal(stillBad.Count, _server.Calls.Count(call => call.SchemaName == "revise"));
    }

    [Fact]
    public async Task Knowledge_is_told_once_per_chunk_in_every_voice_and_grounded_in_the_chunk()
    {
        Voice[] voices = [new("textbook section", "college students"), new("story", "young children"), new("FAQ", "professionals")];
        var settings = GenerationSettings.Default with { Voices = voices };
        var seeds = PipelineTests.Knowledge();
        var chunks = DocumentChunker.Chunk(seeds.Documents, 40);

        var samples = await BuildAsync(seeds, settings, chunks);

        var voiced = samples.Where(sample => sample.Lineage?.Voice is not null).ToList();
        Assert.True(chunks.Count >= 2);
        Assert.Equal(chunks.Count * voices.Length, _server.Calls.Count(call => call.SchemaName == "knowledge-voice"));
        foreach (var voice in voices)
        {
            var inVoice = voiced.Where(sample => sample.Lineage!.Voice == voice.Name).ToList();
            Assert.Equal(Enumerable.Range(0, chunks.Count), inVoice.Select(sample => sample.Provenance.Chunk!.Value).Order());
            Assert.All(inVoice, sample =>
            {
                Assert.True(sample.Kept, sample.DropReason);
                Assert.StartsWith($"As a {voice.Style} for {voice.Audience}:", sample.Answer, StringComparison.Ordinal);
                Assert.True(sample.Scores["grounding"] > 0.5);
                Assert.Contains(Prompts.KnowledgeVoice.Id, sample.Provenance.Prompts);
            });
        }
    }

    [Fact]
    public async Task The_preview_report_shows_what_each_method_did_with_every_new_field_escaped()
    {
        _teacher.Scores["relevancy"] = 1;
        var settings = GenerationSettings.Default with
        {
            SamplesPerLeaf = 4,
            Revise = new RevisionSettings(1),
            Voices = [new("<b>story</b> | `tick`", "*children* @team")],
        };
        var seeds = PipelineTests.Knowledge();

        var result = await PreviewAsync(seeds, settings);
        var markdown = PreviewMarkdownRenderer.Render(new ValidationReport([], []), result, new ReportContext("/"));
        var json = PreviewJsonRenderer.Render(new ValidationReport([], []), result, new ReportContext("/"));

        var quality = result.Leaves[0].Quality!;
        Assert.True(quality.Methods!.RevisedKept > 0);
        Assert.True(quality.Methods.VoicedKept > 0);
        Assert.Contains("- Critique and revise: ", markdown, StringComparison.Ordinal);
        Assert.Contains("pass rate 0 % → 100 %", markdown, StringComparison.Ordinal);
        Assert.Contains("- Re-representation: ", markdown, StringComparison.Ordinal);
        Assert.Contains("(without → with the voices)", markdown, StringComparison.Ordinal);
        Assert.Contains("revised \\(before\\: faithfulness 1, question quality 1, relevancy 1\\)", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("@team", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("| `tick`", markdown, StringComparison.Ordinal);
        Assert.Contains("\"revisedKept\"", json, StringComparison.Ordinal);
        Assert.Contains("\"voice\": \"<b>story</b>", json.Replace("\\u003C", "<", StringComparison.Ordinal).Replace("\\u003E", ">", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void The_dry_run_plan_counts_the_calls_evolution_and_voices_add_to_a_full_build()
    {
        var freeform = new GenerationInput(PipelineTests.Freeform(), [], null);
        var knowledge = PipelineTests.Knowledge();
        var chunks = DocumentChunker.Chunk(knowledge.Documents, 40);
        var settings = GenerationSettings.Default with
        {
            Evolve = new EvolutionSettings(3, Breadth: true, PerSeed: 2), MaxDepth = 2, Voices = [new("story", "young children"), new("FAQ", "professionals")],
        };

        var plain = PreviewPlanner.Plan([freeform, new GenerationInput(knowledge, chunks, null)], GenerationSettings.Default, Prompts).Leaves;
        var plan = PreviewPlanner.Plan([freeform, new GenerationInput(knowledge, chunks, null)], settings, Prompts).Leaves;

        long Full(LeafPlan leaf, PromptTemplate prompt) => leaf.Calls.Where(call => call.PromptId == prompt.Id).Sum(call => call.FullBuildCount);
        // 5 seeds × 2 chains, each 2 allowed steps (depth 3 capped by max_depth 2) and one breadth question.
        Assert.Equal(20, Full(plan[0], Prompts.EvolveDepth));
        Assert.Equal(10, Full(plan[0], Prompts.EvolveBreadth));
        Assert.Equal(30, Full(plan[0], Prompts.EvolveEqual));
        Assert.Equal(Full(plain[0], Prompts.Answer) + 30, Full(plan[0], Prompts.Answer));
        Assert.Equal(chunks.Count * 2, Full(plan[1], Prompts.KnowledgeVoice));
        Assert.True(plan[1].FullBuildPromptTokens > plain[1].FullBuildPromptTokens);
    }

    private async Task<List<Sample>> BuildAsync(LeafSeeds seeds, GenerationSettings settings, IReadOnlyList<string>? chunks = null)
    {
        using var chat = PipelineTests.Chat(_server);
        var sink = new PipelineTests.ListSink();
        chunks ??= seeds.Kind == LeafKind.Knowledge ? DocumentChunker.Chunk(seeds.Documents, 500) : [];
        await new LeafGenerator(chat, settings, Prompts).RunAsync(new GenerationInput(seeds, chunks, null), GenerationBudget.EveryUnit, sink, CancellationToken.None);
        return [.. sink.Samples];
    }

    private async Task<PreviewResult> PreviewAsync(LeafSeeds seeds, GenerationSettings settings)
    {
        using var chat = PipelineTests.Chat(_server);
        var input = new GenerationInput(seeds, DocumentChunker.Chunk(seeds.Documents, 500), null);
        return await new PreviewRun([input], chat, chat.Usage, settings, Prompts).ExecuteAsync(CancellationToken.None);
    }
}
