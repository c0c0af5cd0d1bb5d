using ContribBot.Core.Configuration;
using ContribBot.Core.Generation.Filters;
using ContribBot.Core.Generation.Methods;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Generation.Pipelines;

/// <summary>
/// Evol-Instruct for both skill pipelines. A unit whose draw is below <see cref="EvolutionSettings.PerSeed"/> evolves
/// the first question it generated (never a seed: the seeds are the test split, and an evolved seed would carry a test
/// question into training): one in-depth chain (each step rewrites the previous one with the next operation, so chains
/// of different units use the operations in different orders) and, when asked, one in-breadth question. Each step is
/// checked as the method prescribes — the rewrite must not copy the prompt, the critic must not judge it equal to its
/// parent, and its answer must be neither a short apology nor stop words alone — and a failed step ends its chain.
/// Step k is written from generated text k times (its lineage depth); steps deeper than
/// <see cref="GenerationSettings.MaxDepth"/> are refused before any call is made for them. Evolved drafts come back
/// answered; the pipeline's finish only judges them.
/// </summary>
internal sealed class Evolution(LeafChat chat, LeafSeeds seeds, PromptLibrary prompts)
{
    /// <summary>The in-depth operations, by the name rows record, with the instruction the prompt gives.</summary>
    internal static readonly (string Name, string Instruction)[] Operations =
    [
        ("constraints", "Add one more constraint or requirement to it."),
        ("deepen", "If it asks about a matter, ask about it in more depth and breadth."),
        ("concretize", "Replace general concepts with more specific ones."),
        ("reasoning", "If it can be solved in a few simple steps, make it explicitly ask for several steps of reasoning."),
        ("complicate-input", "Add a small, concrete input for it to work on (data, a table, code or a scenario)."),
    ];

    public const string Breadth = "breadth";

    private readonly EvolutionSettings? _settings = chat.Settings.Evolve;

    /// <summary>The unit's drafts with their evolutions before them: they are few, already answered, and what a preview should show of the method.</summary>
    public async Task<IReadOnlyList<Draft>> WithEvolutionsAsync(GenerationUnit unit, IReadOnlyList<Draft> generated, CancellationToken cancellationToken) =>
        [.. await EvolveAsync(unit, generated, cancellationToken).ConfigureAwait(false), .. generated];

    /// <param name="generated">The unit's own drafts; the first whose shape passed is the one evolved.</param>
    private async Task<IReadOnlyList<Draft>> EvolveAsync(GenerationUnit unit, IReadOnlyList<Draft> generated, CancellationToken cancellationToken)
    {
        if (_settings is null || unit.Draw >= _settings.PerSeed) return [];
        if (generated.FirstOrDefault(draft => draft.DropReason is null) is not { } origin) return [];
        var drafts = new List<Draft>();
        var parent = origin;
        for (var step = 1; step <= _settings.Depth; step++)
        {
            var (name, instruction) = Operations[(unit.Seed + unit.Draw + step - 1) % Operations.Length];
            if (step > chat.Settings.MaxDepth)
            {
                // Refused before it is paid for: it would be written from generated text more times than allowed.
                drafts.Add(parent.Drop(DropReasons.Lineage, $"not evolved: depth {step} is deeper than lineage.max_depth {chat.Settings.MaxDepth}") with
                {
                    Answer = string.Empty,
                    Lineage = parent.Lineage with { Depth = step, Evolution = [.. parent.Lineage.Evolution, name] },
                });
                break;
            }

            var evolved = await StepAsync(parent, prompts.EvolveDepth, PromptValues.Evolve(seeds, parent.Question, instruction), name, step, cancellationToken)
                .ConfigureAwait(false);
            if (evolved is null) break;
            drafts.Add(evolved);
            if (evolved.DropReason is not null) break;
            parent = evolved;
        }

        if (_settings.Breadth)
        {
            var sideways = await StepAsync(origin, prompts.EvolveBreadth, PromptValues.EvolveBreadth(seeds, origin.Question), Breadth, 1, cancellationToken)
                .ConfigureAwait(false);
            if (sideways is not null) drafts.Add(sideways);
        }

        return drafts;
    }

    /// <summary>One evolution, checked and answered; null when a call failed for good (nothing to show for it).</summary>
    private async Task<Draft?> StepAsync(Draft parent, PromptTemplate prompt, Dictionary<string, string> values, string operation, int depth,
        CancellationToken cancellationToken)
    {
        var draft = parent.Using(prompt.Id) with
        {
            Answer = string.Empty,
            Lineage = parent.Lineage with { Depth = depth, Evolution = [.. parent.Lineage.Evolution, operation] },
        };
        var written = await chat.CallAsync(prompt, ChatRole.Teacher, values, draft.Draw, cancellationToken).ConfigureAwait(false);
        if (written.CallFailed) return null;
        if (written.String("evolved_question") is not { } question) return draft.Drop(DropReasons.Unparseable, written.Raw);
        draft = draft.Asking(question, chat.Settings);
        if (draft.DropReason is not null) return draft;
        if (EvolutionChecks.CheckQuestion(draft.Question) is { } copied) return draft.Drop(DropReasons.FailedEvolution(copied));

        draft = draft.Using(prompts.EvolveEqual.Id);
        var compared = await chat.CallAsync(prompts.EvolveEqual, ChatRole.Critic, PromptValues.EvolveEqual(parent.Question, draft.Question), draft.Draw, cancellationToken)
            .ConfigureAwait(false);
        if (compared.CallFailed) return null;
        if (compared.Number("same") is not { } same) return draft.Drop(DropReasons.Unparseable, compared.Raw);
        if (same >= 0.5) return draft.Drop(DropReasons.FailedEvolution(EvolutionChecks.NoGain));

        draft = draft.Using(prompts.Answer.Id);
        var answered = await chat.CallAsync(prompts.Answer, ChatRole.Teacher,
            PromptValues.Answer(seeds, seeds.Examples[draft.Seed].Pairs[0], draft.Context, draft.Question), draft.Draw, cancellationToken).ConfigureAwait(false);
        if (answered.CallFailed) return null;
        if (answered.String("answer") is not { } answer) return draft.Drop(DropReasons.Unparseable, answered.Raw);
        draft = draft with { Answer = answer.Trim() };
        if (EvolutionChecks.CheckAnswer(draft.Answer) is { } failed) return draft.Drop(DropReasons.FailedEvolution(failed));
        return SampleShape.CheckAnswer(draft.Answer, chat.Settings) is { } reason ? draft.Drop(reason) : draft;
    }
}
