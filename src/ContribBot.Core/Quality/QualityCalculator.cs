using System.Globalization;
using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Taxonomy;
using ContribBot.Core.Text;

namespace ContribBot.Core.Quality;

/// <summary>Measures one leaf's preview: pure, from the samples and call counts alone.</summary>
public static class QualityCalculator
{
    /// <summary>Kept questions this close to a seed (ROUGE-L) are flagged as copying it, below the drop threshold.</summary>
    public const double CopiedSeedSimilarity = 0.7;

    public static LeafQuality Leaf(LeafSeeds seeds, IReadOnlyList<Sample> samples, TokenUsage usage, int chunkCount, GenerationSettings settings)
    {
        var kept = samples.Where(sample => sample.Kept).ToList();
        var dropped = samples.Where(sample => !sample.Kept)
            .GroupBy(sample => sample.DropReason!, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var keptTokens = kept.Select(sample => RougeL.Tokens(sample.Question)).ToList();
        var diversity = new DiversityStats(
            Round(Diversity.DistinctN(keptTokens, 1)), Round(Diversity.DistinctN(keptTokens, 2)), Round(Diversity.MeanPairwiseRougeL(keptTokens)));
        var nearest = NearestSeed(seeds, keptTokens);
        var grounding = seeds.Kind == LeafKind.Knowledge && kept.Count > 0
            ? Round(kept.Average(sample => sample.Scores.GetValueOrDefault("grounding")))
            : (double?)null;
        var lengths = kept.Count == 0
            ? new LengthStats(0, 0, 0)
            : new LengthStats(
                Round(kept.Average(sample => Text.TextNormalizer.WordCount(sample.Question))),
                Round(kept.Average(sample => Text.TextNormalizer.WordCount(sample.Answer))),
                Round(kept.Average(sample => TeacherTokenizer.Count(sample.Answer))));
        var estimate = Estimate(seeds, kept.Count, usage, chunkCount, settings);
        return new LeafQuality(samples.Count, kept.Count, dropped, ScoreStatistics(samples), diversity, nearest, grounding, lengths,
            usage, estimate, Risks(seeds, samples, kept.Count, dropped, diversity, nearest, grounding, usage))
        {
            Methods = MethodStats.Of(samples),
            Voices = VoiceDiversity.Of(samples),
        };
    }

    private static BuildEstimate? Estimate(LeafSeeds seeds, int kept, TokenUsage usage, int chunkCount, GenerationSettings settings)
    {
        if (kept == 0) return null; // nothing to extrapolate from
        var samples = new WorkPlan(seeds.Kind, seeds.Examples.Count, chunkCount, settings).BuildSamples;
        var factor = (double)samples / kept;
        var prompt = (long)Math.Ceiling(usage.Prompt * factor);
        var completion = (long)Math.Ceiling(usage.Completion * factor);
        return new BuildEstimate(checked((int)samples), (long)Math.Ceiling(usage.Calls * factor), prompt, completion, settings.CostOf(prompt, completion));
    }

    private static SeedSimilarity NearestSeed(LeafSeeds seeds, IReadOnlyList<string[]> keptQuestions)
    {
        var seedTokens = seeds.Examples.Select(example => example.Pairs.Select(pair => RougeL.Tokens(pair.Question)).ToList()).ToList();
        double max = 0, sum = 0;
        int? which = null;
        foreach (var question in keptQuestions)
        {
            var best = 0.0;
            for (var seed = 0; seed < seedTokens.Count; seed++)
            {
                foreach (var tokens in seedTokens[seed])
                {
                    var score = RougeL.Score(question, tokens);
                    if (score > best) best = score;
                    if (score > max)
                    {
                        max = score;
                        which = seed;
                    }
                }
            }

            sum += best;
        }

        return new SeedSimilarity(Round(max), which, keptQuestions.Count == 0 ? 0 : Round(sum / keptQuestions.Count));
    }

    private static Dictionary<string, ScoreStats> ScoreStatistics(IReadOnlyList<Sample> samples) => samples
        .SelectMany(sample => sample.Scores)
        .GroupBy(score => score.Key, StringComparer.Ordinal)
        .OrderBy(group => group.Key, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group =>
        {
            var values = group.Select(score => score.Value).ToList();
            var histogram = group.Key == "grounding"
                ? new SortedDictionary<string, int>(StringComparer.Ordinal) // a continuous measure: no histogram
                : new SortedDictionary<string, int>(values.GroupBy(value => value.ToString(CultureInfo.InvariantCulture))
                    .ToDictionary(bucket => bucket.Key, bucket => bucket.Count()), StringComparer.Ordinal);
            return new ScoreStats(values.Count, values.Min(), Round(values.Average()), values.Max(), histogram);
        }, StringComparer.Ordinal);

    private static List<RiskFlag> Risks(
        LeafSeeds seeds, IReadOnlyList<Sample> samples, int kept, IReadOnlyDictionary<string, int> dropped,
        DiversityStats diversity, SeedSimilarity nearest, double? grounding, TokenUsage usage)
    {
        var risks = new List<RiskFlag>();
        var seedText = seeds.Examples.SelectMany(example => example.Pairs.SelectMany(pair => new[] { pair.Question, pair.Answer }).Append(example.Context ?? string.Empty));
        if (FirstPersonalData(seedText) is { } inSeeds)
        {
            risks.Add(new RiskFlag("pii-seed", $"the seed examples hold what looks like {inSeeds}; the teacher will spread it"));
        }

        if (FirstPersonalData(samples.Where(s => s.Kept).SelectMany(s => new[] { s.Question, s.Answer, s.Context ?? string.Empty })) is { } inOutput)
        {
            risks.Add(new RiskFlag("pii-output", $"generated samples hold what looks like {inOutput}"));
        }

        var copies = DropReasons.SeedCopies.Sum(reason => dropped.GetValueOrDefault(reason));
        if (copies > 0 || nearest.Max >= CopiedSeedSimilarity)
        {
            var detail = copies > 0 ? $"{copies} generated question(s) repeated a seed and were dropped" : null;
            var close = nearest.Max >= CopiedSeedSimilarity ? $"a kept question is {nearest.Max:0.00} ROUGE-L from seed {nearest.Seed + 1}" : null;
            risks.Add(new RiskFlag("copied-seeds", string.Join("; ", new[] { detail, close }.Where(part => part is not null)) +
                ": more varied seeds give the teacher less to copy"));
        }

        if (kept >= 3 && (diversity.MeanPairwiseRougeL > 0.5 || diversity.Distinct2 < 0.5))
        {
            risks.Add(new RiskFlag("low-diversity",
                $"kept questions are alike (mean pairwise ROUGE-L {diversity.MeanPairwiseRougeL:0.00}, distinct bigrams {diversity.Distinct2:0.00})"));
        }

        if (samples.Count > 0 && kept == 0)
        {
            risks.Add(new RiskFlag("nothing-kept", $"all {samples.Count} generated samples were dropped"));
        }

        var unparseable = dropped.GetValueOrDefault(DropReasons.Unparseable);
        if (samples.Count > 0 && unparseable * 10 >= samples.Count * 3)
        {
            risks.Add(new RiskFlag("unparseable", $"{unparseable} of {samples.Count} replies could not be read as the JSON asked for; is the model able to follow the format?"));
        }

        if (grounding is < 0.5)
        {
            risks.Add(new RiskFlag("low-grounding", $"kept answers use little of the document's wording (grounding {grounding:0.00}); check they come from the document"));
        }

        if (usage.FailedCalls > 0)
        {
            risks.Add(new RiskFlag("failed-calls", $"{usage.FailedCalls} call(s) failed even after retries"));
        }

        return risks;
    }

    private static string? FirstPersonalData(IEnumerable<string> texts) =>
        texts.SelectMany(PersonalData.Find).Select(found => found.Kind).FirstOrDefault();

    private static double Round(double value) => Math.Round(value, 3);
}
