using ContribBot.Core.Generation.Filters;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Generation.Pipelines;

/// <summary>
/// Drives one leaf's pipeline through the units its budget allows (<see cref="WorkPlan"/>, <see cref="GenerationBudget"/>):
/// a preview until it has enough kept samples, a build through every unit. A unit's drafts are finished in waves of
/// as many as are still wanted (a build: all at once), each wave in parallel (the teacher below bounds the calls);
/// then they pass the duplicate filter one by one in draft order, so the same replies always give the same verdicts.
/// Every finished sample goes to the sink at once, also when the run is cancelled or aborted part-way through a unit.
/// </summary>
public sealed class LeafGenerator(ITeacher teacher, GenerationSettings settings, PromptLibrary prompts)
{
    public async Task RunAsync(GenerationInput input, GenerationBudget budget, ISampleSink sink, CancellationToken cancellationToken)
    {
        var seeds = input.Seeds;
        if (input.Skipped || seeds.Examples.Count == 0) return;
        var chunks = input.Chunks;
        var leafChat = new LeafChat(teacher, sink, settings);
        IGenerationPipeline pipeline = seeds.Kind switch
        {
            LeafKind.Knowledge => new KnowledgePipeline(leafChat, seeds, prompts, chunks.Count > 0 ? chunks : throw new ArgumentException("A knowledge leaf needs document chunks.", nameof(input))),
            LeafKind.GroundedSkill => new GroundedSkillPipeline(leafChat, seeds, prompts),
            _ => new FreeformSkillPipeline(leafChat, seeds, prompts),
        };
        var duplicates = new DuplicateFilter(seeds.AllPairs.Select(pair => pair.Question), settings.RougeLThreshold);

        var kept = 0;
        foreach (var unit in budget.Units(WorkPlan.For(input, settings)))
        {
            if (budget.IsMet(kept)) break;
            var drafts = await pipeline.DraftAsync(unit, budget.Wanted(kept), cancellationToken).ConfigureAwait(false);
            var pending = new Queue<Draft>(drafts);
            while (pending.Count > 0 && !budget.IsMet(kept))
            {
                // Finish only as many drafts as samples are still wanted, so a preview of N gives N, not a unit's worth.
                var wanted = budget.Wanted(kept);
                var wave = new List<Draft>();
                while (pending.Count > 0 && wave.Count(draft => draft.DropReason is null) < wanted) wave.Add(pending.Dequeue());
                kept += await FinishAsync(pipeline, wave, seeds.Leaf, sink, leafChat, duplicates, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Finishes a wave and hands each finished sample to the sink; returns how many were kept.</summary>
    private static async Task<int> FinishAsync(
        IGenerationPipeline pipeline, List<Draft> wave, Leaf leaf, ISampleSink sink, LeafChat chat, DuplicateFilter duplicates, CancellationToken cancellationToken)
    {
        var kept = 0;
        var finishing = wave.Select(draft => draft.DropReason is null ? pipeline.FinishAsync(draft, cancellationToken) : Task.FromResult(draft)).ToList();
        try
        {
            await Task.WhenAll(finishing).ConfigureAwait(false);
        }
        finally
        {
            // On cancellation or abort, keep what did finish; the rest never got an outcome.
            foreach (var task in finishing.Where(task => task.IsCompletedSuccessfully))
            {
                var sample = ToSample(task.Result, leaf, chat, duplicates);
                sink.Add(sample);
                if (sample.Kept) kept++;
            }
        }

        return kept;
    }

    private static Sample ToSample(Draft draft, Leaf leaf, LeafChat chat, DuplicateFilter duplicates)
    {
        var reason = draft.DropReason ?? duplicates.Admit(draft.Question);
        return new Sample(draft.Question, draft.Answer, reason is null, reason)
        {
            Context = draft.Context,
            Scores = draft.Scores,
            Raw = draft.Raw,
            Provenance = new SampleProvenance(leaf.Path.Value, leaf.BlobId, leaf.LastCommit, draft.Seed, draft.Chunk,
                chat.TeacherModel, chat.CriticModel, draft.Prompts),
            Lineage = draft.Lineage.IsDirect ? null : draft.Lineage,
        };
    }
}
