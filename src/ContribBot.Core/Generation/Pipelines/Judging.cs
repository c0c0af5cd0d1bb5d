using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Generation.Pipelines;

/// <summary>Asks the critic for the named scores and drops the draft below the first unmet threshold.</summary>
internal static class Judging
{
    public static async Task<Draft> JudgeAsync(
        LeafChat chat, Draft draft, PromptTemplate critic, IReadOnlyDictionary<string, string> values, IReadOnlyList<string> scoreNames,
        CancellationToken cancellationToken)
    {
        draft = draft.Using(critic.Id);
        var outcome = await chat.CallAsync(critic, ChatRole.Critic, values, draft.Draw, cancellationToken).ConfigureAwait(false);
        if (outcome.CallFailed) return draft.Failed();
        var scores = new SortedDictionary<string, double>(draft.Scores, StringComparer.Ordinal);
        foreach (var name in scoreNames)
        {
            if (outcome.Number(name) is not { } score) return draft.Drop(DropReasons.Unparseable, outcome.Raw) with { Scores = scores };
            scores[name] = score;
        }

        draft = draft with { Scores = scores };
        foreach (var name in scoreNames)
        {
            if (chat.Settings.Thresholds.TryGetValue(name, out var minimum) && scores[name] < minimum)
            {
                return draft.Drop(DropReasons.LowScore(name));
            }
        }

        return draft;
    }
}
