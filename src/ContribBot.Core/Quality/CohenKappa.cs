namespace ContribBot.Core.Quality;

/// <summary>
/// Cohen's kappa for two raters' yes/no decisions on the same items (the critic's keep or drop, a maintainer's good
/// or bad): their agreement beyond what their separate rates would give by chance, (p_o − p_e) / (1 − p_e).
/// 1 is full agreement, 0 is chance; null when it is undefined (no items, or both raters said the same of every item).
/// </summary>
public static class CohenKappa
{
    /// <summary>The observed agreement p_o: the share of items both raters decided alike; null for no items.</summary>
    public static double? Observed(IReadOnlyCollection<(bool First, bool Second)> decisions) =>
        decisions.Count == 0 ? null : decisions.Count(d => d.First == d.Second) / (double)decisions.Count;

    public static double? Of(IReadOnlyCollection<(bool First, bool Second)> decisions)
    {
        if (Observed(decisions) is not { } agree) return null;
        double n = decisions.Count;
        var firstYes = decisions.Count(d => d.First) / n;
        var secondYes = decisions.Count(d => d.Second) / n;
        var chance = firstYes * secondYes + (1 - firstYes) * (1 - secondYes);
        return chance >= 1 ? null : (agree - chance) / (1 - chance);
    }
}
