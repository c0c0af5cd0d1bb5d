using ContribBot.Core.Generation.Planning;

namespace ContribBot.Core.Generation.Pipelines;

/// <summary>
/// One kind of leaf's way to make samples, in two steps the driver (<see cref="LeafGenerator"/>) interleaves: draft a
/// unit's questions (or pairs) from the seeds, then finish each draft (answer it, judge it). Drafts that fail a
/// step come back with a drop reason rather than as an exception.
/// </summary>
internal interface IGenerationPipeline
{
    /// <summary>The unit's drafts; <paramref name="wanted"/> is how many more kept samples are needed (a build: all it can give).</summary>
    Task<IReadOnlyList<Draft>> DraftAsync(GenerationUnit unit, int wanted, CancellationToken cancellationToken);

    Task<Draft> FinishAsync(Draft draft, CancellationToken cancellationToken);
}
