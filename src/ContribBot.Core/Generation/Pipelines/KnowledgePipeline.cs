using ContribBot.Core.Generation.Filters;
using ContribBot.Core.Generation.Methods;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Core.Text;

namespace ContribBot.Core.Generation.Pipelines;

/// <summary>
/// Knowledge: the documents are cut into chunks of at most <see cref="GenerationSettings.ChunkTokens"/> tokens; each
/// unit pairs one chunk with one seed example (as the style guide; a full build meets every chunk with every seed) and
/// asks for question-and-answer pairs grounded in the chunk. The critic scores faithfulness (0/1), relevancy (0–2) and question quality (0/1); a lexical
/// grounding score (how much of the answer's wording the chunk holds) is measured alongside.
/// </summary>
internal sealed class KnowledgePipeline(LeafChat chat, LeafSeeds seeds, PromptLibrary prompts, IReadOnlyList<string> chunks) : IGenerationPipeline
{
    /// <summary>The scales of critic-knowledge.v1.</summary>
    private static readonly CriticScore[] Scores = [new("faithfulness", 0, 1), new("relevancy", 0, 2), new("question_quality", 0, 1)];

    private readonly Judging _judging = new(chat, prompts.KnowledgeCritic, Scores, prompts.Revise);

    public async Task<IReadOnlyList<Draft>> DraftAsync(GenerationUnit unit, int wanted, CancellationToken cancellationToken)
    {
        var chunk = unit.Chunk ?? throw new ArgumentException("A knowledge unit names its chunk.", nameof(unit));
        var seed = unit.Seed;
        var origin = new Draft(string.Empty, seed, [prompts.KnowledgePairs.Id]) { Chunk = chunk, Context = chunks[chunk], Draw = unit.Draw };
        var voiced = await VoicedAsync(unit, chunk, cancellationToken).ConfigureAwait(false);
        var outcome = await chat.CallAsync(prompts.KnowledgePairs, ChatRole.Teacher,
            PromptValues.KnowledgePairs(seeds, chunks[chunk], seeds.Examples[seed], chat.Settings.PairsPerCall), unit.Draw, cancellationToken).ConfigureAwait(false);
        if (outcome.CallFailed) return voiced;
        if (outcome.Json is not { } json || !json.TryGetProperty("pairs", out var pairs) || pairs.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            return [.. voiced, origin.Drop(DropReasons.Unparseable, outcome.Raw)];
        }

        var drafts = new List<Draft>(voiced);
        foreach (var pair in pairs.EnumerateArray())
        {
            var question = JsonStrings.Property(pair, "question");
            var answer = JsonStrings.Property(pair, "answer");
            if (question is null || answer is null)
            {
                drafts.Add(origin.Drop(DropReasons.Unparseable, LeafChat.Excerpt(pair.GetRawText())));
                continue;
            }

            var draft = origin.Asking(question, chat.Settings) with { Answer = answer.Trim() };
            drafts.Add(draft.DropReason is null && SampleShape.CheckAnswer(draft.Answer, chat.Settings) is { } reason ? draft.Drop(reason) : draft);
        }

        return drafts;
    }

    public async Task<Draft> FinishAsync(Draft draft, CancellationToken cancellationToken)
    {
        var chunk = chunks[draft.Chunk!.Value];
        var scores = new SortedDictionary<string, double>(draft.Scores, StringComparer.Ordinal) { ["grounding"] = Grounding.Score(draft.Answer, chunk) };
        var judged = await _judging.JudgeAsync(draft with { Scores = scores },
            candidate => PromptValues.KnowledgeCritic(chunk, candidate.Question, candidate.Answer),
            candidate => PromptValues.Revise(seeds.Domain, chunk, candidate.Question, candidate.Answer, SkillAnswering.Critique(candidate)),
            cancellationToken).ConfigureAwait(false);
        return Regrounded(judged, chunk);
    }

    /// <summary>A revised answer is measured against the chunk again.</summary>
    private static Draft Regrounded(Draft draft, string chunk) => draft.Lineage.Revised
        ? draft with { Scores = new SortedDictionary<string, double>(draft.Scores, StringComparer.Ordinal) { ["grounding"] = Grounding.Score(draft.Answer, chunk) } }
        : draft;

    /// <summary>
    /// Re-representation: the chunk told in each voice once. Unit (chunk c, seed s) is pass (s − c) mod S of that
    /// chunk, and takes the voices v with v mod S = pass, so the first pass (a preview's start) has the first voice.
    /// </summary>
    private async Task<List<Draft>> VoicedAsync(GenerationUnit unit, int chunk, CancellationToken cancellationToken)
    {
        var voices = chat.Settings.Voices;
        var drafts = new List<Draft>();
        if (voices.Count == 0 || unit.Draw != 0) return drafts;
        var passes = seeds.Examples.Count;
        var pass = ((unit.Seed - chunk) % passes + passes) % passes;
        for (var index = pass; index < voices.Count; index += passes)
        {
            var voice = voices[index];
            var origin = new Draft(string.Empty, unit.Seed, [prompts.KnowledgeVoice.Id])
            {
                Chunk = chunk, Context = chunks[chunk], Draw = unit.Draw, Lineage = SampleLineage.Direct with { Voice = voice.Name },
            };
            var outcome = await chat.CallAsync(prompts.KnowledgeVoice, ChatRole.Teacher, PromptValues.KnowledgeVoice(seeds, chunks[chunk], voice), unit.Draw,
                cancellationToken).ConfigureAwait(false);
            if (outcome.CallFailed) continue;
            if (outcome.String("request") is not { } request || outcome.String("text") is not { } text)
            {
                drafts.Add(origin.Drop(DropReasons.Unparseable, outcome.Raw));
                continue;
            }

            var draft = origin.Asking(request, chat.Settings) with { Answer = text.Trim() };
            drafts.Add(draft.DropReason is null && SampleShape.CheckAnswer(draft.Answer, chat.Settings) is { } reason ? draft.Drop(reason) : draft);
        }

        return drafts;
    }
}
