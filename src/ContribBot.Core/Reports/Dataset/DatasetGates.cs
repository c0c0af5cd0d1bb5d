using System.Globalization;
using System.Text.Json.Serialization;

namespace ContribBot.Core.Reports.Dataset;

/// <summary>
/// The gates checked on the whole dataset at merge (<c>gates:</c>): the critic pass rate and the share of seed copies
/// over every leaf's generated samples, and the synthetic share of the training rows once the mix is in. Each null:
/// not checked. A dataset that fails one is not written.
/// </summary>
public sealed record DatasetGates(
    [property: JsonPropertyName("minPassRate")] double? MinPassRate,
    [property: JsonPropertyName("maxSeedCopyShare")] double? MaxSeedCopyShare,
    [property: JsonPropertyName("maxSyntheticShare")] double? MaxSyntheticShare)
{
    /// <summary>The gates of the settings, or null when none applies to the whole dataset.</summary>
    public static DatasetGates? Of(Configuration.GateSettings gates) =>
        gates.MinPassRate is null && gates.MaxSeedCopyShare is null && gates.MaxSyntheticShare is null
            ? null
            : new DatasetGates(gates.MinPassRate, gates.MaxSeedCopyShare, gates.MaxSyntheticShare);

    /// <summary>Every gate the dataset fails, in one line; null when it passes them all.</summary>
    public string? Check(IReadOnlyList<ShardLeaf> leaves, long syntheticRows, long trainingRows)
    {
        var failures = new List<string>();
        var generated = leaves.Sum(leaf => (long)leaf.Generated);
        if (MinPassRate is { } minPass && generated > 0 && leaves.Sum(leaf => (long)leaf.Kept) / (double)generated is var passRate && passRate < minPass)
        {
            failures.Add($"gates.min_pass_rate: {F(passRate)} of all generated samples were kept, less than {F(minPass)}");
        }

        var copies = leaves.Sum(leaf => Generation.DropReasons.SeedCopies.Sum(reason => (long)leaf.Dropped.GetValueOrDefault(reason)));
        if (MaxSeedCopyShare is { } maxCopies && generated > 0 && copies / (double)generated is var copyShare && copyShare > maxCopies)
        {
            failures.Add($"gates.max_seed_copy_share: {F(copyShare)} of all generated samples copied a seed, more than {F(maxCopies)}");
        }

        if (MaxSyntheticShare is { } maxSynthetic && trainingRows > 0 && syntheticRows / (double)trainingRows is var share && share > maxSynthetic)
        {
            failures.Add(FormattableString.Invariant($"gates.max_synthetic_share: {syntheticRows:N0} of the {trainingRows:N0} training rows ({F(share)}) are machine-written, more than {F(maxSynthetic)}; replay more human-written data (mix:)"));
        }

        return failures.Count == 0 ? null : string.Join("; ", failures);
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
