namespace ContribBot.Core.Generation.Planning;

/// <summary>
/// Splits leaves into <c>N</c> shards that every shard computes alike, from the leaves' paths and planned costs alone:
/// largest cost first (ties by path), each to the shard with the least cost so far (ties to the lower index). The
/// largest shard stays close to the mean however costs spread, and the assignment does not depend on the order
/// leaves were found in.
/// </summary>
public static class ShardPartition
{
    /// <summary>The shard (0-based) of each leaf path.</summary>
    public static IReadOnlyDictionary<string, int> Assign(IEnumerable<(string Path, long Cost)> leaves, int shards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        var loads = new long[shards];
        var assignment = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (path, cost) in leaves.OrderByDescending(leaf => leaf.Cost).ThenBy(leaf => leaf.Path, StringComparer.Ordinal))
        {
            var lightest = 0;
            for (var shard = 1; shard < shards; shard++)
            {
                if (loads[shard] < loads[lightest]) lightest = shard;
            }

            if (!assignment.TryAdd(path, lightest)) throw new ArgumentException($"The leaf {path} is listed twice.", nameof(leaves));
            loads[lightest] += Math.Max(0, cost);
        }

        return assignment;
    }
}

/// <summary>One shard of <see cref="Count"/>, numbered from 1 as people (and <c>--shard 3/8</c>) count.</summary>
public readonly record struct Shard(int Number, int Count)
{
    public static Shard Whole { get; } = new(1, 1);

    public int Index => Number - 1;

    public override string ToString() => $"{Number}/{Count}";

    /// <summary>Reads "K/N" (1 ≤ K ≤ N); null when it is not that.</summary>
    public static Shard? Parse(string? text)
    {
        if (text?.Split('/') is not [var k, var n] ||
            !int.TryParse(k, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ||
            !int.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) ||
            count < 1 || number < 1 || number > count || count > 10_000)
        {
            return null;
        }

        return new Shard(number, count);
    }
}
