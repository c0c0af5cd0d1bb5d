using ContribBot.Core.Reports.Dataset;

namespace ContribBot.Core.Tests.Reports;

public sealed class DatasetGatesTests
{
    private static ShardLeaf Leaf(int generated, int kept, int copies) =>
        new("skills/x", "freeform_skill", "key", false, generated, kept, new Dictionary<string, int> { ["copied-seed"] = copies }, 0, 0, 0, null, []);

    [Fact]
    public void The_whole_dataset_is_held_to_the_pass_rate_the_seed_copy_share_and_the_synthetic_share_together()
    {
        // Each leaf alone would pass a pass rate of 0.5; together 60 of 140 were kept.
        ShardLeaf[] leaves = [Leaf(100, 30, 20), Leaf(40, 30, 0)];
        var gates = new DatasetGates(MinPassRate: 0.5, MaxSeedCopyShare: 0.1, MaxSyntheticShare: 0.8);

        var failure = gates.Check(leaves, syntheticRows: 90, trainingRows: 100);

        Assert.Equal(
            "gates.min_pass_rate: 0.4286 of all generated samples were kept, less than 0.5; " +
            "gates.max_seed_copy_share: 0.1429 of all generated samples copied a seed, more than 0.1; " +
            "gates.max_synthetic_share: 90 of the 100 training rows (0.9) are machine-written, more than 0.8; replay more human-written data (mix:)",
            failure);
        Assert.Null(new DatasetGates(0.4, 0.15, 0.9).Check(leaves, 90, 100));
        Assert.Null(DatasetGates.Of(Core.Configuration.GateSettings.None));
    }
}
