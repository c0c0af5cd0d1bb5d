using System.Net;
using ContribBot.Core.Documents;
using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Pipelines;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Core.Reports.Preview;
using ContribBot.Core.Runs.Preview;
using ContribBot.Core.Taxonomy;
using ContribBot.Core.Text;
using ContribBot.Testing.FakeOpenAi;

namespace ContribBot.Core.Tests.Generation;

/// <summary>The three pipelines, the critic and the filters, end to end against the fake OpenAI server.</summary>
public sealed class PipelineTests : IAsyncLifetime
{
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
    public async Task A_freeform_skill_stops_as_soon_as_it_has_the_samples_asked_for()
    {
        var result = await PreviewAsync(Freeform());

        var leaf = Assert.Single(result.Leaves);
        Assert.Equal(PreviewStatus.Complete, result.Status);
        Assert.Equal(5, leaf.Samples.Count(s => s.Kept));
        // One call for five questions, then an answer and a verdict for each: no further round.
        Assert.Equal(11, _server.Calls.Count);
        Assert.All(leaf.Samples, sample =>
        {
            Assert.Null(sample.DropReason);
            Assert.Equal(1, sample.Scores["question_quality"]);
            Assert.Equal(3, sample.Scores["answer_quality"]);
            Assert.StartsWith("A careful answer about", sample.Answer, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Every_sample_records_its_provenance()
    {
        var result = await PreviewAsync(Freeform());

        var provenance = result.Leaves[0].Samples[0].Provenance;
        Assert.Equal("compositional_skills/writing/poems", provenance.Leaf);
        Assert.Equal("b10b", provenance.BlobId);
        Assert.Equal("c0ffee", provenance.Commit);
        Assert.Equal("teacher-model", provenance.TeacherModel);
        Assert.Equal("critic-model", provenance.CriticModel);
        Assert.Equal(
            [PromptLibrary.Default.FreeformQuestions.Id, PromptLibrary.Default.Answer.Id, PromptLibrary.Default.SkillCritic.Id],
            provenance.Prompts);
        Assert.Contains(_server.Calls, call => call.Model == "critic-model" && call.SchemaName == "critic-skill");
    }

    [Fact]
    public async Task Samples_under_a_critic_threshold_are_dropped_with_the_score_named_and_kept()
    {
        _teacher.Scores["relevancy"] = 1;

        var result = await PreviewAsync(Knowledge(), samples: 3);

        var samples = result.Leaves[0].Samples;
        Assert.NotEmpty(samples);
        Assert.All(samples, sample =>
        {
            Assert.False(sample.Kept);
            Assert.Equal("low-score:relevancy", sample.DropReason);
            Assert.Equal(1, sample.Scores["relevancy"]);
            Assert.Equal(1, sample.Scores["faithfulness"]);
        });
        Assert.Contains(result.Leaves[0].Quality!.Risks, risk => risk.Code == "nothing-kept");
    }

    [Fact]
    public async Task Knowledge_pairs_are_grounded_in_their_chunk_and_judged_against_it()
    {
        var result = await PreviewAsync(Knowledge(), samples: 3);

        var leaf = result.Leaves[0];
        Assert.Equal(3, leaf.Samples.Count(s => s.Kept));
        Assert.All(leaf.Samples, sample =>
        {
            Assert.Equal(0, sample.Provenance.Chunk);
            Assert.Equal(1.0, sample.Scores["grounding"]);
            Assert.Contains(sample.Answer.TrimEnd('.'), sample.Context!, StringComparison.Ordinal);
        });
        var verdict = _server.Calls.First(call => call.SchemaName == "critic-knowledge");
        Assert.Contains("waxing crescent", verdict.User, StringComparison.Ordinal);
        Assert.Equal(1.0, leaf.Quality!.Grounding);
    }

    [Fact]
    public async Task A_grounded_skill_writes_a_new_context_and_keeps_it_with_its_questions()
    {
        var result = await PreviewAsync(Grounded(), samples: 3);

        var kept = result.Leaves[0].Samples.Where(s => s.Kept).ToList();
        Assert.Equal(3, kept.Count);
        Assert.All(kept, sample => Assert.StartsWith("Minutes of meeting", sample.Context, StringComparison.Ordinal));
        Assert.Equal(PromptLibrary.Default.GroundedContext.Id, kept[0].Provenance.Prompts[0]);
        var answerCall = _server.Calls.First(call => call.SchemaName == "answer");
        Assert.Contains("<passage>\nMinutes of meeting", answerCall.User, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fence")]
    [InlineData("chatter")]
    public async Task Json_wrapped_in_a_code_fence_or_chatter_is_still_read(string wrapping)
    {
        _teacher.Wrapping = wrapping;

        var result = await PreviewAsync(Freeform());

        Assert.Equal(5, result.Kept);
    }

    [Fact]
    public async Task Unreadable_or_truncated_replies_become_unparseable_samples_not_exceptions()
    {
        _server.Responder = call => call.SchemaName switch
        {
            "freeform-questions" => FakeReply.Message("""{"questions": ["How would you describe the river beside the valley to a child?", "How do"""),
            _ => _teacher.Reply(call),
        };

        var result = await PreviewAsync(Freeform());

        var samples = result.Leaves[0].Samples;
        Assert.Equal(PreviewStatus.Complete, result.Status);
        Assert.Equal(GenerationSettings.Default.MaxRoundsPerLeaf, samples.Count);
        Assert.All(samples, sample =>
        {
            Assert.Equal(DropReasons.Unparseable, sample.DropReason);
            Assert.StartsWith("{\"questions\"", sample.Raw, StringComparison.Ordinal);
        });
        Assert.Contains(result.Leaves[0].Quality!.Risks, risk => risk.Code == "unparseable");
    }

    [Fact]
    public async Task A_critic_reply_missing_a_score_drops_the_sample_as_unparseable_and_says_what_came_back()
    {
        _server.Responder = call => call.SchemaName == "critic-skill" ? FakeReply.Message("""{"verdict": "great"}""") : _teacher.Reply(call);

        var result = await PreviewAsync(Freeform(), samples: 2);

        var sample = result.Leaves[0].Samples[0];
        Assert.Equal(DropReasons.Unparseable, sample.DropReason);
        Assert.Equal("""{"verdict": "great"}""", sample.Raw);
        Assert.NotEmpty(sample.Answer);
    }

    [Theory]
    [InlineData("""{"question_quality": 1, "answer_quality": "NaN", "reason": "r"}""")]
    [InlineData("""{"question_quality": 1, "answer_quality": "Infinity", "reason": "r"}""")]
    [InlineData("""{"question_quality": 1, "answer_quality": 1e400, "reason": "r"}""")]
    [InlineData("""{"question_quality": 1, "answer_quality": 7, "reason": "r"}""")]
    [InlineData("""{"question_quality": -1, "answer_quality": 3, "reason": "r"}""")]
    public async Task A_critic_score_that_is_not_finite_or_off_the_prompts_scale_drops_the_sample_as_unparseable(string verdict)
    {
        _server.Responder = call => call.SchemaName == "critic-skill" ? FakeReply.Message(verdict) : _teacher.Reply(call);

        var result = await PreviewAsync(Freeform(), samples: 2);

        Assert.Equal(PreviewStatus.Complete, result.Status);
        Assert.All(result.Leaves[0].Samples, sample =>
        {
            Assert.Equal(DropReasons.Unparseable, sample.DropReason);
            Assert.Equal(verdict, sample.Raw);
            Assert.All(sample.Scores.Values, score => Assert.True(double.IsFinite(score)));
        });
    }

    [Fact]
    public async Task Copies_of_seeds_refusals_and_duplicates_are_filtered_with_their_reasons()
    {
        var seed = Freeform().Examples[0].Pairs[0].Question;
        _server.Responder = call => call.SchemaName switch
        {
            "freeform-questions" => FakeReply.Message(System.Text.Json.JsonSerializer.Serialize(new
            {
                questions = new[]
                {
                    seed,
                    "Write a limerick about a cat who sails to the moon.",
                    "Write a limerick about a cat who sails to the moon!",
                    "I'm sorry, but I can't write more questions.",
                    "Write a sonnet about the tide coming in at dawn.",
                },
            })),
            "answer" when call.User.Contains("sonnet", StringComparison.Ordinal) => FakeReply.Message("""{"answer": "I'm sorry, but I can't help with that."}"""),
            _ => _teacher.Reply(call),
        };

        var result = await PreviewAsync(Freeform(), samples: 3);

        Assert.Equal(
            [DropReasons.CopiedSeed, null, DropReasons.Duplicate, DropReasons.Refusal, DropReasons.Refusal],
            result.Leaves[0].Samples.Take(5).Select(s => s.DropReason));
        Assert.Contains(result.Leaves[0].Quality!.Risks, risk => risk.Code == "copied-seeds");
    }

    [Fact]
    public async Task A_call_that_fails_for_good_is_counted_and_the_leaf_carries_on()
    {
        _server.Enqueue(FakeReply.Message("""{"questions": ["How would you describe the river beside the glacier to a child?"]}"""));
        _server.Enqueue(FakeReply.ServerError(), FakeReply.ServerError());

        var result = await PreviewAsync(Freeform(), samples: 1, teacher: s => s with { MaxRetries = 1 });

        var leaf = result.Leaves[0];
        Assert.Equal(DropReasons.CallFailed, leaf.Samples[0].DropReason);
        Assert.Equal(1, leaf.Quality!.Tokens.FailedCalls);
        Assert.Contains(leaf.Samples, s => s.Kept);
        Assert.Contains(leaf.Quality.Risks, risk => risk.Code == "failed-calls");
    }

    [Fact]
    public async Task Cancelling_keeps_the_samples_already_finished()
    {
        using var cancel = new CancellationTokenSource();
        var rounds = 0;
        _server.Responder = call =>
        {
            if (call.SchemaName != "freeform-questions") return _teacher.Reply(call);
            if (Interlocked.Increment(ref rounds) == 1)
            {
                return FakeReply.Message("""{"questions": ["How would you describe the river beside the glacier to a child?", "Why?"]}""");
            }

            cancel.Cancel(); // Ctrl+C while the second round is being generated
            return _teacher.Reply(call).After(TimeSpan.FromSeconds(5));
        };

        var result = await PreviewAsync(Freeform(), samples: 5, cancellation: cancel.Token);

        Assert.Equal(PreviewStatus.Interrupted, result.Status);
        Assert.Equal([null, DropReasons.TooShort], result.Leaves[0].Samples.Select(s => s.DropReason));
    }

    [Fact]
    public async Task Refused_credentials_abort_the_run_with_a_message_and_partial_results()
    {
        _server.Enqueue(FakeReply.Error(HttpStatusCode.Unauthorized, "bad credentials"));

        var result = await PreviewAsync(Freeform(), Freeform("compositional_skills/writing/limericks"));

        Assert.Equal(PreviewStatus.Aborted, result.Status);
        Assert.Contains("API key", result.StatusMessage, StringComparison.Ordinal);
        Assert.Equal(2, result.Leaves.Count);
    }

    [Fact]
    public async Task Leaves_are_generated_concurrently_within_the_call_limit()
    {
        _server.Latency = TimeSpan.FromMilliseconds(50);
        var leaves = Enumerable.Range(0, 6).Select(i => Freeform($"compositional_skills/writing/poems_{i}")).ToArray();

        var result = await PreviewAsync(leaves, teacher: s => s with { Concurrency = 4 });

        Assert.Equal(30, result.Kept);
        Assert.Equal(4, _server.MaxConcurrentRequests);
    }

    [Fact]
    public async Task The_dry_run_plan_counts_the_prompts_a_run_actually_sends()
    {
        var knowledge = Knowledge();
        var freeform = Freeform();
        await PreviewAsync(knowledge, freeform);
        var plan = PreviewPlanner.Plan(
            [new GenerationInput(knowledge, DocumentChunker.Chunk(knowledge.Documents, 500), null), new GenerationInput(freeform, [], null)],
            GenerationSettings.Default, PromptLibrary.Default);

        // The first generation call of each leaf uses the first seed (and chunk), as the plan does.
        foreach (var (leaf, schema) in new[] { (plan.Leaves[0], "knowledge-pairs"), (plan.Leaves[1], "freeform-questions") })
        {
            var sent = _server.Calls.First(call => call.SchemaName == schema);
            var planned = leaf.Calls.Single(call => call.PromptId.StartsWith(schema + ".", StringComparison.Ordinal));
            Assert.Equal(TeacherTokenizer.Count(sent.System) + TeacherTokenizer.Count(sent.User) + 8, planned.PromptTokens);
        }
    }

    [Fact]
    public async Task A_build_budget_drives_every_chunk_and_seed_pair_without_a_validation_report()
    {
        var seeds = Knowledge() with { Examples = Knowledge().Examples.Take(3).ToList() };
        var chunks = new[] { "First chunk: the waxing crescent.", "Second chunk: the first quarter." };
        var settings = new TeacherSettings(_server.BaseUrl, "teacher-model") { RequestTimeout = TimeSpan.FromSeconds(20) };
        using var chat = new ResilientChat(new SemanticKernelChatBackend(settings), settings, (_, _) => Task.CompletedTask, new Random(1));
        var sink = new ListSink();

        await new LeafGenerator(chat, GenerationSettings.Default, PromptLibrary.Default)
            .RunAsync(new GenerationInput(seeds, chunks, null), GenerationBudget.EveryUnit, sink, CancellationToken.None);

        // 2 chunks × 3 seeds: six drafting calls, each chunk with each seed's excerpt exactly once.
        var drafting = _server.Calls.Where(call => call.SchemaName == "knowledge-pairs").ToList();
        Assert.Equal(6, drafting.Count);
        foreach (var chunk in chunks)
        {
            for (var seed = 1; seed <= 3; seed++)
            {
                Assert.Single(drafting, call => call.User.Contains(chunk, StringComparison.Ordinal) &&
                                                call.User.Contains($"The Moon excerpt {seed}.", StringComparison.Ordinal));
            }
        }

        // Every pair of every unit is finished: none is held back for lack of "wanted" samples.
        Assert.Equal(6 * GenerationSettings.Default.PairsPerCall, sink.Samples.Count);
        Assert.Equal(sink.Samples.Count, _server.Calls.Count(call => call.SchemaName == "critic-knowledge"));
        Assert.Equal(_server.Calls.Count, sink.Calls);
    }

    /// <summary>A sink that only collects, as a build's journal would receive them.</summary>
    internal sealed class ListSink : ISampleSink
    {
        private readonly List<Sample> _samples = [];
        private int _calls;

        public IReadOnlyList<Sample> Samples
        {
            get
            {
                lock (_samples) return [.. _samples];
            }
        }

        public int Calls => Volatile.Read(ref _calls);

        public void Add(Sample sample)
        {
            lock (_samples) _samples.Add(sample);
        }

        public void AddCall(ChatReply reply) => Interlocked.Increment(ref _calls);

        public void AddFailedCall()
        {
        }
    }

    private Task<PreviewResult> PreviewAsync(LeafSeeds seeds, int samples = 5, Func<TeacherSettings, TeacherSettings>? teacher = null, CancellationToken cancellation = default) =>
        PreviewAsync([seeds], samples, teacher, cancellation);

    private Task<PreviewResult> PreviewAsync(params LeafSeeds[] seeds) => PreviewAsync(seeds, 5, null, default);

    private Task<PreviewResult> PreviewAsync(LeafSeeds[] seeds, int samples = 5, Func<TeacherSettings, TeacherSettings>? teacher = null, CancellationToken cancellation = default)
    {
        var chat = Chat(_server, teacher);
        var inputs = seeds.Select(seed => new GenerationInput(seed, seed.Kind == LeafKind.Knowledge ? DocumentChunker.Chunk(seed.Documents, 500) : [], null)).ToList();
        var run = new PreviewRun(inputs, chat, chat.Usage, GenerationSettings.Default with { SamplesPerLeaf = samples }, PromptLibrary.Default);
        return RunAndDispose(run, chat, cancellation);
    }

    /// <summary>The teacher and critic of these tests, on the fake server, with retries that do not wait.</summary>
    internal static ResilientChat Chat(FakeOpenAiServer server, Func<TeacherSettings, TeacherSettings>? teacher = null)
    {
        var settings = new TeacherSettings(server.BaseUrl, "teacher-model") { CriticModel = "critic-model", RequestTimeout = TimeSpan.FromSeconds(20) };
        settings = teacher?.Invoke(settings) ?? settings;
        return new ResilientChat(new SemanticKernelChatBackend(settings), settings, (_, _) => Task.CompletedTask, new Random(1));
    }

    private static async Task<PreviewResult> RunAndDispose(PreviewRun run, ResilientChat chat, CancellationToken cancellation)
    {
        using (chat) return await run.ExecuteAsync(cancellation);
    }

    internal static LeafSeeds Freeform(string path = "compositional_skills/writing/poems") => new(
        new Leaf(new TaxonomyPath(path), LeafKind.FreeformSkill, 3, "b10b", "c0ffee"), "/taxonomy/" + path + "/qna.yaml", "Write short poems on request.",
        [
            Pair("Write a haiku about the first snow of winter.", "Soft flakes on the path"),
            Pair("Write a limerick about a forgetful wizard.", "There once was a wizard named Lou"),
            Pair("Write a couplet about the smell of rain.", "The rain came down on dusty ground"),
            Pair("Write a cinquain about a lighthouse keeper.", "Keeper, alone"),
            Pair("Write a short free verse poem about a train at night.", "Lights stream past"),
        ]);

    internal static LeafSeeds Grounded() => new(
        new Leaf(new TaxonomyPath("compositional_skills/extraction/actions"), LeafKind.GroundedSkill, 3, "b10c", null), "/t/qna.yaml",
        "List the action items in meeting notes.",
        Enumerable.Range(1, 5).Select(i => new SeedExample($"Notes {i}: Ana will send the draft by Monday; Bo books room {i}.",
            [new SeedPair("What are the action items in these notes?", $"Ana sends the draft; Bo books room {i}.")])).ToList());

    internal static LeafSeeds Knowledge() => new(
        new Leaf(new TaxonomyPath("knowledge/science/moon"), LeafKind.Knowledge, 3, "b10d", null), "/t/qna.yaml", string.Empty,
        Enumerable.Range(1, 5).Select(i => new SeedExample($"The Moon excerpt {i}.",
        [
            new SeedPair($"What is excerpt {i} about?", "The Moon."),
            new SeedPair($"Which body does excerpt {i} describe?", "The Moon."),
            new SeedPair($"Is excerpt {i} about the Sun?", "No."),
        ])).ToList())
    {
        Domain = "astronomy",
        DocumentOutline = "The phases of the Moon.",
        Documents = ["# Phases\n\nAfter the new moon comes the waxing crescent, a thin sliver lit on the right.\n\nThe first quarter shows half of the disc lit by the Sun.\n\nThe full moon rises at sunset and is lit across its whole face."],
    };

    private static SeedExample Pair(string question, string answer) => new(null, [new SeedPair(question, answer)]);
}
