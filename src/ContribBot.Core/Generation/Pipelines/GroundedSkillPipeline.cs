using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Generation.Pipelines;

/// <summary>
/// Grounded skills: each unit writes a new passage like its seed's context, asks questions about it, then
/// answers and judges each with the passage in view. The passage travels with the sample as its context.
/// </summary>
internal sealed class GroundedSkillPipeline(LeafChat chat, LeafSeeds seeds, PromptLibrary prompts) : IGenerationPipeline
{
    private readonly SkillAnswering _answering = new(chat, seeds, prompts);

    private readonly Evolution _evolution = new(chat, seeds, prompts);

    public async Task<IReadOnlyList<Draft>> DraftAsync(GenerationUnit unit, int wanted, CancellationToken cancellationToken)
    {
        var seed = unit.Seed;
        var example = seeds.Examples[seed];
        var origin = new Draft(string.Empty, seed, [prompts.GroundedContext.Id]) { Draw = unit.Draw };
        var written = await chat.CallAsync(prompts.GroundedContext, ChatRole.Teacher, PromptValues.GroundedContext(seeds, example), unit.Draw, cancellationToken).ConfigureAwait(false);
        if (written.CallFailed) return [];
        if (written.String("context") is not { } context) return [origin.Drop(DropReasons.Unparseable, written.Raw)];
        var passage = context.Trim();
        origin = origin with { Context = passage };
        if (passage.Length == 0) return [origin.Drop(DropReasons.Empty)];

        origin = origin.Using(prompts.GroundedQuestions.Id);
        var asked = await chat.CallAsync(prompts.GroundedQuestions, ChatRole.Teacher,
            PromptValues.GroundedQuestions(seeds, passage, example.Pairs[0], chat.Settings.QuestionsPerContext), unit.Draw, cancellationToken).ConfigureAwait(false);
        if (asked.CallFailed) return [];
        if (asked.Strings("questions") is not { } questions) return [origin.Drop(DropReasons.Unparseable, asked.Raw)];
        return await _evolution.WithEvolutionsAsync(unit, [.. questions.Select(question => origin.Asking(question, chat.Settings))], cancellationToken).ConfigureAwait(false);
    }

    public Task<Draft> FinishAsync(Draft draft, CancellationToken cancellationToken) => _answering.FinishAsync(draft, cancellationToken);
}
