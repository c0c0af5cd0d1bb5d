using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Tests.Generation;

/// <summary>The units of a leaf's generation work, and the budgets that take them.</summary>
public sealed class WorkPlanTests
{
    private static readonly GenerationSettings Settings = GenerationSettings.Default;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(2, 5)]
    [InlineData(4, 6)]
    [InlineData(7, 2)]
    public void A_knowledge_build_meets_every_chunk_with_every_seed_once(int chunks, int seeds)
    {
        var units = new WorkPlan(LeafKind.Knowledge, seeds, chunks, Settings).Build().ToList();

        Assert.Equal(chunks * seeds, units.Count);
        Assert.Equal(chunks * seeds, units.Select(unit => (unit.Chunk, unit.Seed)).Distinct().Count());
        Assert.All(units, unit => Assert.InRange(unit.Chunk!.Value, 0, chunks - 1));
        Assert.All(units, unit => Assert.InRange(unit.Seed, 0, seeds - 1));
    }

    [Fact]
    public void The_first_knowledge_units_spread_over_chunks_and_seeds()
    {
        var first = new WorkPlan(LeafKind.Knowledge, 3, 3, Settings).InOrder().Take(3).ToList();

        Assert.Equal([0, 1, 2], first.Select(unit => unit.Chunk!.Value));
        Assert.Equal([0, 1, 2], first.Select(unit => unit.Seed));
    }

    [Fact]
    public void A_freeform_build_draws_each_seed_until_the_scale_factor_is_reached()
    {
        var plan = new WorkPlan(LeafKind.FreeformSkill, 5, 0, Settings with { FullBuildSamplesPerSeed = 32, QuestionsPerCall = 5 });

        var units = plan.Build().ToList();

        // 32 samples per seed at 5 questions a call: 7 draws of each of the 5 seeds.
        Assert.Equal(35, units.Count);
        Assert.All(units.GroupBy(unit => unit.Seed), seed => Assert.Equal(Enumerable.Range(0, 7), seed.Select(unit => unit.Draw)));
        Assert.Equal(35 * 5, plan.BuildSamples);
    }

    [Fact]
    public void A_grounded_build_writes_the_configured_contexts_per_seed()
    {
        var plan = new WorkPlan(LeafKind.GroundedSkill, 5, 0, Settings with { FullBuildContextsPerSeed = 10, QuestionsPerContext = 3 });

        Assert.Equal(50, plan.Build().Count());
        Assert.Equal(150, plan.BuildSamples);
    }

    [Fact]
    public void Units_come_draw_by_draw_and_a_preview_starts_where_the_build_starts()
    {
        var plan = new WorkPlan(LeafKind.FreeformSkill, 3, 0, Settings);

        var preview = GenerationBudget.Preview(Settings with { MaxRoundsPerLeaf = 6 }).Units(plan).ToList();

        Assert.Equal(plan.Build().Take(6), preview);
        Assert.Equal([0, 1, 2, 0, 1, 2], preview.Select(unit => unit.Seed));
        Assert.Equal([0, 0, 0, 1, 1, 1], preview.Select(unit => unit.Draw));
    }

    [Fact]
    public void A_preview_may_draw_past_a_small_build()
    {
        // One chunk and one seed: the build has a single unit, a preview of 5 samples at 3 pairs a call needs two.
        var plan = new WorkPlan(LeafKind.Knowledge, 1, 1, Settings);
        var budget = GenerationBudget.Preview(Settings with { SamplesPerLeaf = 5 });

        Assert.Equal(1, plan.BuildUnitCount);
        Assert.Equal(2, budget.UnitsIfAllKept(plan));
        Assert.Equal([0, 1], budget.Units(plan).Take(2).Select(unit => unit.Draw));
    }

    [Fact]
    public void The_every_unit_budget_wants_every_draft_and_is_never_met()
    {
        var budget = GenerationBudget.EveryUnit;
        var plan = new WorkPlan(LeafKind.Knowledge, 2, 2, Settings);

        Assert.False(budget.IsMet(1_000_000));
        Assert.Equal(int.MaxValue, budget.Wanted(5));
        Assert.Equal(plan.Build(), budget.Units(plan));
        Assert.Equal(4, budget.UnitsIfAllKept(plan));
    }

    [Fact]
    public void A_leaf_without_seeds_has_no_units()
    {
        Assert.Empty(new WorkPlan(LeafKind.Knowledge, 0, 3, Settings).InOrder());
        Assert.Empty(new WorkPlan(LeafKind.FreeformSkill, 0, 0, Settings).Build());
    }
}
