using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Generation.Pipelines;

/// <summary>
/// Freeform skills: each unit takes its seed as the example and asks for new questions like it; each question is
/// answered and the pair judged (question 0/1, answer 1–3).
/// </summary>
internal sealed class FreeformSkillPipeline(LeafChat chat, LeafSeeds seeds, PromptLibrary prompts) : IGenerationPipeline
{
    private readonly SkillAnswering _answering = new(chat, seeds, prompts);

    private readonly Evolution _evolution = new(chat, seeds, prompts);

    public async Task<IReadOnlyList<Draft>> DraftAsync(GenerationUnit unit, int wanted, CancellationToken cancellationToken)
    {
        var seed = unit.Seed;
        var prompt = prompts.FreeformQuestions;
        var origin = new Draft(string.Empty, seed, [prompt.Id]) { Draw = unit.Draw };
        var outcome = await chat.CallAsync(prompt, ChatRole.Teacher, PromptValues.FreeformQuestions(seeds, seeds.Examples[seed].Pairs[0], Count(wanted)), unit.Draw, cancellationToken)
            .ConfigureAwait(false);
        if (outcome.CallFailed) return [];
        if (outcome.Strings("questions") is not { } questions) return [origin.Drop(DropReasons.Unparseable, outcome.Raw)];
        return await _evolution.WithEvolutionsAsync(unit, [.. questions.Select(question => origin.Asking(question, chat.Settings))], cancellationToken).ConfigureAwait(false);
    }

    public Task<Draft> FinishAsync(Draft draft, CancellationToken cancellationToken) => _answering.FinishAsync(draft, cancellationToken);

    /// <summary>Ask for a few more than needed (some will be filtered), never more than a call's worth.</summary>
    private int Count(int wanted)
    {
        var perCall = chat.Settings.QuestionsPerCall;
        return Math.Min(perCall, Math.Max(3, Math.Min(wanted, perCall) + 2));
    }
}
