using ContribBot.Core.Reports.Dataset;

namespace ContribBot.Core.Runs.Build;

/// <summary>
/// What a build did: the shard it wrote (or, for a dry run, would write), where, what the live calls cost, and whether
/// it stopped at <c>--max-cost</c>. <see cref="Dataset"/> is set when the build also merged its one shard into a dataset.
/// </summary>
public sealed record BuildOutcome(ShardManifest Manifest, string ShardDirectory, bool DryRun)
{
    public long LiveCalls { get; init; }

    public long ReplayedCalls { get; init; }

    public long Tokens { get; init; }

    public decimal Cost { get; init; }

    /// <summary>Dry run: the planned calls, tokens and cost of the leaves that are not cached yet.</summary>
    public long PlannedCalls { get; init; }

    public long PlannedTokens { get; init; }

    public decimal PlannedCost { get; init; }

    public bool StoppedAtCostLimit { get; init; }

    /// <summary>Calls answered by batch results in this run, and the batch rounds it went through.</summary>
    public long BatchCalls { get; init; }

    public int BatchRounds { get; init; }

    /// <summary>
    /// Batch files mode: the calls still waiting for results and the request files written for them. When there are
    /// any, the shard was not written: the build continues once their results are given with --batch-results.
    /// </summary>
    public long WaitingCalls { get; init; }

    public IReadOnlyList<string> RequestFiles { get; init; } = [];

    public DatasetManifest? Dataset { get; init; }

    public IEnumerable<ShardLeaf> Failed => Manifest.Leaves.Where(leaf => leaf.Failure is not null);

    public int CachedLeaves => Manifest.Leaves.Count(leaf => leaf.Cached);
}
