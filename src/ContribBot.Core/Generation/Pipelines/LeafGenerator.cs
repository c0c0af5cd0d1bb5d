using ContribBot.Core.Generation.Filters;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Generation.Pipelines;

/// <summary>
/// Runs one leaf's pipeline round after round until it has <see cref="GenerationSettings.SamplesPerLeaf"/> kept
/// samples (or <see cref="GenerationSettings.MaxRoundsPerLeaf"/> rounds). A round's drafts are finished in waves of
/// as many as are still wanted, each wave in parallel (the shared <see cref="ResilientChat"/> bounds the calls); then
/// they pass the duplicate filter one by one in draft order, so the same replies always give the same verdicts. Finished drafts are recorded even when the run is
/// cancelled or aborted part-way through a round.
/// </summary>
public sealed class LeafGenerator(ResilientChat chat, GenerationSettings settings, PromptLibrary prompts)
{
    /// <param name="chunks">Knowledge leaves: the document chunks (see <see cref="DocumentChunker"/>); ignored for skills.</param>
    public async Task RunAsync(LeafRecorder recorder, IReadOnlyList<string> chunks, CancellationToken cancellationToken)
    {
        var seeds = recorder.Seeds;
        if (seeds.Examples.Count == 0) return;
        var leafChat = new LeafChat(chat, recorder, settings);
        IGenerationPipeline pipeline = seeds.Kind switch
        {
            LeafKind.Knowledge => new KnowledgePipeline(leafChat, seeds, prompts, chunks.Count > 0 ? chunks : throw new ArgumentException("A knowledge leaf needs document chunks.", nameof(chunks))),
            LeafKind.GroundedSkill => new GroundedSkillPipeline(leafChat, seeds, prompts),
            _ => new FreeformSkillPipeline(leafChat, seeds, prompts),
        };
        var duplicates = new DuplicateFilter(seeds.AllPairs.Select(pair => pair.Question), settings.RougeLThreshold);

        for (var round = 0; round < settings.MaxRoundsPerLeaf && recorder.Kept < settings.SamplesPerLeaf; round++)
        {
            var drafts = await pipeline.DraftAsync(round, settings.SamplesPerLeaf - recorder.Kept, cancellationToken).ConfigureAwait(false);
            var pending = new Queue<Draft>(drafts);
            while (pending.Count > 0 && recorder.Kept < settings.SamplesPerLeaf)
            {
                // Finish only as many drafts as samples are still wanted, so a preview of N gives N, not a round's worth.
                var wanted = settings.SamplesPerLeaf - recorder.Kept;
                var wave = new List<Draft>();
                while (pending.Count > 0 && wave.Count(draft => draft.DropReason is null) < wanted) wave.Add(pending.Dequeue());
                await FinishAsync(pipeline, wave, recorder, leafChat, duplicates, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task FinishAsync(
        IGenerationPipeline pipeline, List<Draft> wave, LeafRecorder recorder, LeafChat chat, DuplicateFilter duplicates, CancellationToken cancellationToken)
    {
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
                recorder.Add(ToSample(task.Result, recorder.Seeds.Leaf, chat, duplicates));
            }
        }
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
        };
    }
}
