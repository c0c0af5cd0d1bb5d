using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Generation.Pipelines;

/// <summary>Asks the critic for the named scores and drops the draft below the first unmet threshold.</summary>
internal static class Judging
{
    public static async Task<Draft> JudgeAsync(
        LeafChat chat, Draft draft, PromptTemplate critic, IReadOnlyDictionary<string, string> values, IReadOnlyList<CriticScore> criticScores,
        CancellationToken cancellationToken)
    {
        draft = draft.Using(critic.Id);
        var outcome = await chat.CallAsync(critic, ChatRole.Critic, values, draft.Draw, cancellationToken).ConfigureAwait(false);
        if (outcome.CallFailed) return draft.Failed();
        var scores = new SortedDictionary<string, double>(draft.Scores, StringComparer.Ordinal);
        foreach (var criticScore in criticScores)
        {
            // A score off the prompt's scale is as unreadable as a missing one: the critic did not answer the question asked.
            if (outcome.Number(criticScore.Name) is not { } score || !criticScore.Allows(score))
            {
                return draft.Drop(DropReasons.Unparseable, outcome.Raw) with { Scores = scores };
            }

            scores[criticScore.Name] = score;
        }

        draft = draft with { Scores = scores };
        foreach (var name in criticScores.Select(criticScore => criticScore.Name))
        {
            if (chat.Settings.Thresholds.TryGetValue(name, out var minimum) && scores[name] < minimum)
            {
                return draft.Drop(DropReasons.LowScore(name));
            }
        }

        return draft;
    }
}
