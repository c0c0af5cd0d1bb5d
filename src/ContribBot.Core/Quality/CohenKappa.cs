namespace ContribBot.Core.Quality;

/// <summary>
/// Cohen's kappa for two raters' yes/no decisions on the same items (the critic's keep or drop, a maintainer's good
/// or bad): their agreement beyond what their separate rates would give by chance, (p_o − p_e) / (1 − p_e).
/// 1 is full agreement, 0 is chance; null when it is undefined (no items, or both raters said the same of every item).
/// </summary>
public static class CohenKappa
{
    public static double? Of(IReadOnlyCollection<(bool First, bool Second)> decisions)
    {
        if (decisions.Count == 0) return null;
        double n = decisions.Count;
        var agree = decisions.Count(d => d.First == d.Second) / n;
        var firstYes = decisions.Count(d => d.First) / n;
        var secondYes = decisions.Count(d => d.Second) / n;
        var chance = firstYes * secondYes + (1 - firstYes) * (1 - secondYes);
        return chance >= 1 ? null : (agree - chance) / (1 - chance);
    }
}
