using System.Globalization;
using ContribBot.Core.Configuration;
using ContribBot.Core.Generation;
using ContribBot.Core.Text;

namespace ContribBot.Core.Quality;

/// <summary>
/// Checks a leaf's generated samples against the gates (<see cref="GateSettings"/>): a leaf that fails one is left out
/// of the dataset and reported, never kept quietly.
/// </summary>
public static class QualityGate
{
    /// <summary>Why the samples fail the gates (every gate failed, in one line), or null when they pass.</summary>
    public static string? Check(IReadOnlyList<Sample> samples, GateSettings gates)
    {
        if (!gates.Any || samples.Count == 0) return null;
        var failures = new List<string>();
        var kept = samples.Where(sample => sample.Kept).ToList();
        var passRate = kept.Count / (double)samples.Count;
        if (gates.MinPassRate is { } minPass && passRate < minPass) failures.Add($"pass rate {F(passRate)} < {F(minPass)}");
        var copies = samples.Count(sample => DropReasons.SeedCopies.Contains(sample.DropReason)) / (double)samples.Count;
        if (gates.MaxSeedCopyShare is { } maxCopies && copies > maxCopies) failures.Add($"seed copies {F(copies)} > {F(maxCopies)}");
        if (gates.MinDistinct2 is { } minDistinct)
        {
            var distinct = Diversity.DistinctN(kept.Select(sample => RougeL.Tokens($"{sample.Question} {sample.Answer}")), 2);
            if (distinct < minDistinct) failures.Add($"distinct-2 {F(distinct)} < {F(minDistinct)}");
        }

        return failures.Count == 0 ? null : "failed the quality gates: " + string.Join("; ", failures);
    }

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
