using ContribBot.Core.Generation.Filters;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Generation.Pipelines;

/// <summary>The second half of both skill pipelines: answer the question in the seed's style, check its shape, judge the pair.</summary>
internal sealed class SkillAnswering(LeafChat chat, LeafSeeds seeds, PromptLibrary prompts)
{
    /// <summary>The scales of critic-skill.v1.</summary>
    private static readonly CriticScore[] Scores = [new("question_quality", 0, 1), new("answer_quality", 1, 3)];

    private readonly Judging _judging = new(chat, prompts.SkillCritic, Scores, prompts.Revise);

    public async Task<Draft> FinishAsync(Draft draft, CancellationToken cancellationToken)
    {
        // An evolved draft was answered while it was checked (see Evolution): it only needs judging.
        if (draft.Answer.Length > 0) return await JudgeAsync(draft, cancellationToken).ConfigureAwait(false);
        var seed = seeds.Examples[draft.Seed].Pairs[0];
        draft = draft.Using(prompts.Answer.Id);
        var answer = await chat.CallAsync(prompts.Answer, ChatRole.Teacher, PromptValues.Answer(seeds, seed, draft.Context, draft.Question), draft.Draw, cancellationToken)
            .ConfigureAwait(false);
        if (answer.CallFailed) return draft.Failed();
        if (answer.String("answer") is not { } text) return draft.Drop(DropReasons.Unparseable, answer.Raw);
        draft = draft with { Answer = text.Trim() };
        if (SampleShape.CheckAnswer(draft.Answer, chat.Settings) is { } reason) return draft.Drop(reason);

        return await JudgeAsync(draft, cancellationToken).ConfigureAwait(false);
    }

    private Task<Draft> JudgeAsync(Draft draft, CancellationToken cancellationToken) => _judging.JudgeAsync(draft,
        judged => PromptValues.SkillCritic(seeds, judged.Context, judged.Question, judged.Answer),
        judged => PromptValues.Revise(seeds.TaskDescription, judged.Context, judged.Question, judged.Answer, Critique(judged)),
        cancellationToken);

    /// <summary>The critic's reason, or, when it gave none, the scores it missed.</summary>
    internal static string Critique(Draft judged) => string.IsNullOrWhiteSpace(judged.CriticReason)
        ? $"The reviewer scored it too low ({judged.DropReason})."
        : judged.CriticReason.Trim();
}
