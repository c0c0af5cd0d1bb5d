namespace ContribBot.Core.Generation.Planning;

/// <summary>
/// How much of a leaf's work a run does: a preview stops once it has <see cref="KeptTarget"/> kept samples (or after
/// <see cref="MaxUnits"/> units, when the seeds keep failing); a build does every unit of its plan.
/// </summary>
public sealed record GenerationBudget(int? KeptTarget, int? MaxUnits)
{
    public static GenerationBudget Preview(GenerationSettings settings) => new(settings.SamplesPerLeaf, settings.MaxRoundsPerLeaf);

    public static GenerationBudget EveryUnit { get; } = new(null, null);

    /// <summary>The units this budget reads from the plan.</summary>
    public IEnumerable<GenerationUnit> Units(WorkPlan plan) => KeptTarget is null
        ? plan.Build()
        : MaxUnits is { } max ? plan.InOrder().Take(max) : plan.InOrder();

    public bool IsMet(int kept) => kept >= KeptTarget;

    /// <summary>Kept samples still wanted; without a target, every draft is wanted.</summary>
    public int Wanted(int kept) => KeptTarget is { } target ? Math.Max(0, target - kept) : int.MaxValue;

    /// <summary>Units a preview needs if every draft is kept (what a dry run counts).</summary>
    public long UnitsIfAllKept(WorkPlan plan)
    {
        if (KeptTarget is not { } target) return plan.BuildUnitCount;
        var needed = (target + plan.SamplesPerUnit - 1) / plan.SamplesPerUnit;
        return plan.Places == 0 ? 0 : Math.Min(needed, MaxUnits ?? int.MaxValue);
    }
}
