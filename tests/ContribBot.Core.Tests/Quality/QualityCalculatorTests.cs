using ContribBot.Core.Generation;
using ContribBot.Core.Quality;
using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Tests.Quality;

public sealed class QualityCalculatorTests
{
    private static readonly LeafSeeds Seeds = new(
        new Leaf(new TaxonomyPath("compositional_skills/poems"), LeafKind.FreeformSkill, 3, "b", null), "/t/qna.yaml", "Write poems.",
        Enumerable.Range(1, 5).Select(i => new SeedExample(null, [new SeedPair($"Write a haiku about season number {i}.", "A haiku.")])).ToList());

    private static readonly TokenUsage Usage = new(Calls: 12, FailedCalls: 0, Prompt: 3000, Completion: 1000, PromptPerKept: 750, TotalPerKept: 1000);

    [Fact]
    public void Counts_outcomes_by_reason_and_summarises_each_score()
    {
        Sample[] samples =
        [
            Kept("How do glaciers carve deep valleys?", ("answer_quality", 3)),
            Kept("Why does the sea taste of salt?", ("answer_quality", 2)),
            Dropped("Explain tides to a child please.", "low-score:answer_quality", ("answer_quality", 1)),
            Dropped("", DropReasons.Unparseable),
        ];

        var quality = QualityCalculator.Leaf(Seeds, samples, Usage, 0, GenerationSettings.Default);

        Assert.Equal(4, quality.Generated);
        Assert.Equal(2, quality.Kept);
        Assert.Equal(new Dictionary<string, int> { ["low-score:answer_quality"] = 1, [DropReasons.Unparseable] = 1 }, quality.Dropped);
        var scores = quality.Scores["answer_quality"];
        Assert.Equal((3, 1.0, 2.0, 3.0), (scores.Count, scores.Min, scores.Mean, scores.Max));
        Assert.Equal(new Dictionary<string, int> { ["1"] = 1, ["2"] = 1, ["3"] = 1 }, scores.Histogram);
    }

    [Fact]
    public void Extrapolates_the_full_build_from_the_preview_cost_per_kept_sample()
    {
        Sample[] samples = [Kept("How do glaciers carve deep valleys?"), Kept("Why does the sea taste of salt?"), Kept("What makes a violin sound warm?"), Kept("When do swallows fly south?")];
        var settings = GenerationSettings.Default with { InputPricePerMillion = 1m, OutputPricePerMillion = 2m };

        var build = QualityCalculator.Leaf(Seeds, samples, Usage, 0, settings).FullBuild!;

        // 5 seeds × 30 = 150 samples; the preview spent 3,000 + 1,000 tokens and 12 calls on 4 kept samples.
        Assert.Equal(150, build.Samples);
        Assert.Equal(450, build.Calls);
        Assert.Equal(112_500, build.PromptTokens);
        Assert.Equal(37_500, build.CompletionTokens);
        Assert.Equal(0.1875m, build.Cost);
    }

    [Fact]
    public void Nothing_kept_means_no_estimate_and_a_risk_flag()
    {
        var quality = QualityCalculator.Leaf(Seeds, [Dropped("Explain tides to a child.", DropReasons.Refusal)], Usage, 0, GenerationSettings.Default);

        Assert.Null(quality.FullBuild);
        Assert.Contains(quality.Risks, risk => risk.Code == "nothing-kept");
    }

    [Fact]
    public void Alike_samples_are_flagged_as_low_diversity_and_varied_ones_are_not()
    {
        Sample[] alike = [Kept("Write a poem about the moon at night."), Kept("Write a poem about the moon at dawn."), Kept("Write a poem about the moon at noon.")];
        Sample[] varied = [Kept("How do glaciers carve deep valleys?"), Kept("Why does the sea taste of salt?"), Kept("What makes a violin sound warm?")];

        var low = QualityCalculator.Leaf(Seeds, alike, Usage, 0, GenerationSettings.Default);
        var high = QualityCalculator.Leaf(Seeds, varied, Usage, 0, GenerationSettings.Default);

        Assert.Contains(low.Risks, risk => risk.Code == "low-diversity");
        Assert.True(low.Diversity.MeanPairwiseRougeL > 0.7);
        Assert.DoesNotContain(high.Risks, risk => risk.Code == "low-diversity");
        Assert.True(high.Diversity.Distinct1 > 0.9);
    }

    [Fact]
    public void A_kept_question_close_to_a_seed_is_flagged_and_the_seed_named()
    {
        var quality = QualityCalculator.Leaf(Seeds, [Kept("Write a haiku about season number 3 please.")], Usage, 0, GenerationSettings.Default);

        Assert.Equal(2, quality.NearestSeed.Seed);
        Assert.True(quality.NearestSeed.Max >= QualityCalculator.CopiedSeedSimilarity);
        Assert.Contains("seed 3", Assert.Single(quality.Risks, risk => risk.Code == "copied-seeds").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Personal_data_in_seeds_or_outputs_is_flagged_without_being_repeated()
    {
        var seeds = Seeds with { Examples = [.. Seeds.Examples, new SeedExample(null, [new SeedPair("Who should I e-mail?", "Write to jane.doe@corp-mail.com.")])] };
        Sample[] samples = [Kept("How do I reach the support desk?", answer: "Call 415-555-2671 or write to help@corp-mail.com.")];

        var quality = QualityCalculator.Leaf(seeds, samples, Usage, 0, GenerationSettings.Default);

        Assert.Contains(quality.Risks, risk => risk.Code == "pii-seed");
        Assert.Contains(quality.Risks, risk => risk.Code == "pii-output");
        Assert.All(quality.Risks, risk => Assert.DoesNotContain("corp-mail", risk.Message, StringComparison.Ordinal));
    }

    private static Sample Kept(string question, params (string Name, double Value)[] scores) => Make(question, "An answer.", null, scores);

    private static Sample Kept(string question, string answer) => Make(question, answer, null, []);

    private static Sample Dropped(string question, string reason, params (string Name, double Value)[] scores) => Make(question, "An answer.", reason, scores);

    private static Sample Make(string question, string answer, string? reason, (string Name, double Value)[] scores) => new(question, answer, reason is null, reason)
    {
        Scores = new SortedDictionary<string, double>(scores.ToDictionary(s => s.Name, s => s.Value), StringComparer.Ordinal),
        Provenance = new SampleProvenance("compositional_skills/poems", "b", null, 0, null, "t", "c", []),
    };
}
