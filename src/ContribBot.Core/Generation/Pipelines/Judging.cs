using ContribBot.Core.Generation.Filters;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Generation.Pipelines;

/// <summary>
/// Asks the critic for the named scores and drops the draft below the first unmet threshold. With revision on
/// (<see cref="GenerationSettings.Revise"/>), a draft that missed only by the margin gets the critic's reason and one
/// revised answer from the teacher, which is judged again; the draft keeps the scores it had before.
/// </summary>
internal sealed class Judging(LeafChat chat, PromptTemplate critic, IReadOnlyList<CriticScore> criticScores, PromptTemplate revise)
{
    /// <param name="criticValues">The critic prompt's values for a draft (its question and current answer).</param>
    /// <param name="reviseValues">The revision prompt's values for a judged draft (with the critic's reason).</param>
    public async Task<Draft> JudgeAsync(
        Draft draft, Func<Draft, IReadOnlyDictionary<string, string>> criticValues, Func<Draft, IReadOnlyDictionary<string, string>> reviseValues,
        CancellationToken cancellationToken)
    {
        var judged = await JudgeOnceAsync(draft, criticValues(draft), cancellationToken).ConfigureAwait(false);
        if (!ShouldRevise(judged)) return judged;

        var revising = judged.Using(revise.Id);
        var revised = await chat.CallAsync(revise, ChatRole.Teacher, reviseValues(judged), judged.Draw, cancellationToken).ConfigureAwait(false);
        if (revised.CallFailed) return judged; // the first verdict stands
        var before = judged.Scores;
        var lineage = judged.Lineage with { Revised = true, ScoresBefore = before, RevisionCalls = 1 };
        if (revised.String("revised_answer") is not { } answer) return revising.Drop(DropReasons.Unparseable, revised.Raw) with { Lineage = lineage };
        var candidate = revising with { Answer = answer.Trim(), DropReason = null, Raw = null, Lineage = lineage, Scores = WithoutCriticScores(before) };
        if (SampleShape.CheckAnswer(candidate.Answer, chat.Settings) is { } reason) return candidate.Drop(reason);
        candidate = candidate with { Lineage = lineage with { RevisionCalls = 2 } };
        return await JudgeOnceAsync(candidate, criticValues(candidate), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Missed a threshold, but no score by more than the margin (a near miss worth one more try).</summary>
    private bool ShouldRevise(Draft judged)
    {
        if (chat.Settings.Revise is not { } settings || judged.Lineage.Revised || !DropReasons.IsLowScore(judged.DropReason)) return false;
        return criticScores.All(score =>
            !chat.Settings.Thresholds.TryGetValue(score.Name, out var minimum) || !judged.Scores.TryGetValue(score.Name, out var value) ||
            value >= minimum || minimum - value <= settings.Margin);
    }

    /// <summary>The measured scores (grounding) stay; the critic's are asked again.</summary>
    private SortedDictionary<string, double> WithoutCriticScores(IReadOnlyDictionary<string, double> scores) =>
        new(scores.Where(score => criticScores.All(critic => critic.Name != score.Key)).ToDictionary(score => score.Key, score => score.Value),
            StringComparer.Ordinal);

    private async Task<Draft> JudgeOnceAsync(Draft draft, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
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

        draft = draft with { Scores = scores, CriticReason = outcome.String("reason") };
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
