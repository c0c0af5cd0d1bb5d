using System.Diagnostics;
using System.Globalization;
using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Core.Runs.Preview;
using ContribBot.Core.Taxonomy;
using ContribBot.Testing.FakeOpenAi;

// Generation throughput against the in-process fake teacher with a fixed latency per call:
//  1. CALLS calls at concurrency C through ResilientChat and Semantic Kernel: wall time against the ideal
//     ceil(CALLS / C) × latency (what a perfect client with C connections would take).
//  2. A preview of LEAVES freeform leaves: calls and prompt tokens per kept sample, wall time against the ideal for
//     the calls the pipelines made at that concurrency.
// Usage: dotnet run -c Release -- [CALLS=400] [CONCURRENCY=8] [LATENCY_MS=200] [LEAVES=16]
var invariant = CultureInfo.InvariantCulture;
var calls = Arg(0, 400);
var concurrency = Arg(1, 8);
var latency = TimeSpan.FromMilliseconds(Arg(2, 200));
var leaves = Arg(3, 16);

await using var server = await FakeOpenAiServer.StartAsync();
var settings = new TeacherSettings(server.BaseUrl, "bench-teacher") { Concurrency = concurrency, RequestTimeout = TimeSpan.FromSeconds(30) };
var request = PromptLibrary.Default.Answer.Render(ChatRole.Teacher, new Dictionary<string, string>
{
    ["task_description"] = "Answer questions about the Moon.",
    ["seed_question"] = "Why does the Moon have phases?",
    ["seed_answer"] = "Because we see different parts of its sunlit half as it orbits the Earth.",
    ["context_block"] = string.Empty,
    ["question"] = "How long is a lunar month?",
}, 0.7, 512);

// Warm up (JIT, connection pool) without latency, then measure with it.
using (var warm = new ResilientChat(new SemanticKernelChatBackend(settings), settings))
{
    await Task.WhenAll(Enumerable.Range(0, concurrency * 2).Select(_ => warm.CompleteAsync(request, CancellationToken.None)));
}

server.Latency = latency;
using (var chat = new ResilientChat(new SemanticKernelChatBackend(settings), settings))
{
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => chat.CompleteAsync(request, CancellationToken.None)));
    clock.Stop();
    var ideal = Math.Ceiling((double)calls / concurrency) * latency.TotalSeconds;
    Console.WriteLine(string.Format(invariant, "calls: {0} calls at concurrency {1}, {2:0} ms latency: {3:0.000} s (ideal {4:0.000} s), ratio {5:0.000}, max in flight {6}",
        calls, concurrency, latency.TotalMilliseconds, clock.Elapsed.TotalSeconds, ideal, clock.Elapsed.TotalSeconds / ideal, server.MaxConcurrentRequests));
}

using (var chat = new ResilientChat(new SemanticKernelChatBackend(settings), settings))
{
    var inputs = Enumerable.Range(0, leaves).Select(i => new GenerationInput(Leaf(i), [], null)).ToList();
    var run = new PreviewRun(inputs, chat, chat.Usage, GenerationSettings.Default, PromptLibrary.Default);
    var clock = Stopwatch.StartNew();
    var result = await run.ExecuteAsync(CancellationToken.None);
    clock.Stop();
    var usage = result.Usage;
    var ideal = Math.Ceiling((double)usage.Calls / concurrency) * latency.TotalSeconds;
    Console.WriteLine(string.Format(invariant,
        "preview: {0} freeform leaves, {1} of {2} samples kept, {3} calls ({4:0.00} per kept sample), {5:0} prompt tokens per kept sample, {6:0} tokens in all per kept sample; " +
        "{7:0.000} s (ideal for {3} calls {8:0.000} s, ratio {9:0.000})",
        leaves, result.Kept, result.Generated, usage.Calls, (double)usage.Calls / result.Kept, (double)usage.PromptTokens / result.Kept,
        (double)usage.TotalTokens / result.Kept, clock.Elapsed.TotalSeconds, ideal, clock.Elapsed.TotalSeconds / ideal));
}

int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], CultureInfo.InvariantCulture, out var value) ? value : fallback;

static LeafSeeds Leaf(int i) => new(
    new Leaf(new TaxonomyPath($"compositional_skills/writing/poems_{i}"), LeafKind.FreeformSkill, 3, "blob", null), $"/bench/{i}/qna.yaml",
    "Write short poems on request.",
    [
        Seed("Write a haiku about the first snow of winter.", "Soft flakes on the path / the garden holds its breath / footprints fill with white"),
        Seed("Write a limerick about a forgetful wizard.", "There once was a wizard named Lou, who forgot what his spells were to do."),
        Seed("Write a couplet about the smell of rain.", "The rain came down on dusty ground, and lifted up a sweet, warm sound."),
        Seed("Write a cinquain about a lighthouse keeper.", "Keeper / alone, awake / turning the lamp all night / ships pass, never knowing / his name"),
        Seed("Write a short free verse poem about a train at night.", "Lights stream past the window, towns become stars, and the rails hum."),
    ]);

static SeedExample Seed(string question, string answer) => new(null, [new SeedPair(question, answer)]);
