namespace ContribBot.Core.Text.NearDuplicates;

/// <summary>
/// How a MinHash signature is cut into bands for locality-sensitive hashing: <see cref="Bands"/> bands of
/// <see cref="Rows"/> values each. Two texts become candidates when all values of some band agree, which happens with
/// probability 1 − (1 − s^rows)^bands for Jaccard similarity s. The shape decides what is found: the common 9 × 13
/// of 128 hashes finds only about 40 % of pairs at s = 0.8; <see cref="For"/> picks the shape that finds at least
/// <see cref="Target"/> of the pairs at the threshold with as few candidates below it as it can.
/// </summary>
public sealed record LshBands(int Bands, int Rows)
{
    /// <summary>The share of pairs at the threshold that must become candidates.</summary>
    public const double Target = 0.99;

    public int Hashes => Bands * Rows;

    public double CandidateProbability(double jaccard) => 1 - Math.Pow(1 - Math.Pow(jaccard, Rows), Bands);

    /// <summary>The band shape for a threshold and signature length: the most rows per band (fewest false candidates) that still reaches <see cref="Target"/> at the threshold.</summary>
    public static LshBands For(double threshold, int hashes)
    {
        if (threshold is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(threshold), "a Jaccard similarity above 0 and at most 1");
        var best = new LshBands(hashes, 1);
        for (var rows = 1; rows <= hashes; rows++)
        {
            var shape = new LshBands(hashes / rows, rows);
            if (shape.CandidateProbability(threshold) >= Target) best = shape;
        }

        return best;
    }
}
