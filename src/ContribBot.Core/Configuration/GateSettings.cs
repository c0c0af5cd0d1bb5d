namespace ContribBot.Core.Configuration;

/// <summary>
/// The <c>gates:</c> section of <c>.github/contribbot.yml</c>: the least a leaf's generated data must reach to go into
/// the dataset, against the signs of collapsing synthetic data (each null: not checked).
/// </summary>
public sealed record GateSettings
{
    public static GateSettings None { get; } = new();

    /// <summary>Kept samples over generated ones: a low rate means the teacher mostly writes what the critic and filters refuse.</summary>
    public double? MinPassRate { get; init; }

    /// <summary>Generated samples that copy or nearly copy a seed, over generated ones: copying seeds is how collapse starts.</summary>
    public double? MaxSeedCopyShare { get; init; }

    /// <summary>Distinct word bigrams over all bigrams of the kept rows: low means the rows repeat one another.</summary>
    public double? MinDistinct2 { get; init; }

    /// <summary>
    /// Synthetic rows over all rows of the dataset, the mixed-in data counted as not synthetic: checked at merge, where
    /// the mix is added. A dataset of nothing but generated text is what repeated training collapses on.
    /// </summary>
    public double? MaxSyntheticShare { get; init; }

    /// <summary>A per-leaf gate is set (the synthetic share is the whole dataset's).</summary>
    public bool Any => MinPassRate is not null || MaxSeedCopyShare is not null || MinDistinct2 is not null;
}
