using ContribBot.Core.Generation.Filters;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Generation.Pipelines;

/// <summary>The second half of both skill pipelines: answer the question in the seed's style, check its shape, judge the pair.</summary>
internal sealed class SkillAnswering(LeafChat chat, LeafSeeds seeds, PromptLibrary prompts)
{
    /// <summary>The scales of critic-skill.v1.</summary>
    private static readonly CriticScore[] Scores = [new("question_quality", 0, 1), new("answer_quality", 1, 3)];

    public async Task<Draft> FinishAsync(Draft draft, CancellationToken cancellationToken)
    {
        var seed = seeds.Examples[draft.Seed].Pairs[0];
        draft = draft.Using(prompts.Answer.Id);
        var answer = await chat.CallAsync(prompts.Answer, ChatRole.Teacher, PromptValues.Answer(seeds, seed, draft.Context, draft.Question), draft.Draw, cancellationToken)
            .ConfigureAwait(false);
        if (answer.CallFailed) return draft.Failed();
        if (answer.String("answer") is not { } text) return draft.Drop(DropReasons.Unparseable, answer.Raw);
        draft = draft with { Answer = text.Trim() };
        if (SampleShape.CheckAnswer(draft.Answer, chat.Settings) is { } reason) return draft.Drop(reason);

        return await Judging.JudgeAsync(chat, draft, prompts.SkillCritic, PromptValues.SkillCritic(seeds, draft.Context, draft.Question, draft.Answer), Scores,
            cancellationToken).ConfigureAwait(false);
    }
}
