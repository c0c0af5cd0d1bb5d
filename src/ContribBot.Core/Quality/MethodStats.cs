using System.Text.Json.Serialization;
using ContribBot.Core.Generation;
using ContribBot.Core.Text;

namespace ContribBot.Core.Quality;

/// <summary>
/// What the generation methods did for a leaf (or a dataset): evolved, revised and re-represented samples kept, the
/// evolutions that failed, the samples refused for their lineage, and what revision cost and gained. Null fields:
/// the method was not used.
/// </summary>
public sealed record MethodStats
{
    [JsonPropertyName("evolvedKept")]
    public int EvolvedKept { get; init; }

    /// <summary>Evolved samples made, kept or not.</summary>
    [JsonPropertyName("evolved")]
    public int Evolved { get; init; }

    [JsonPropertyName("evolutionFailed")]
    public int EvolutionFailed { get; init; }

    [JsonPropertyName("refusedLineage")]
    public int RefusedLineage { get; init; }

    /// <summary>Samples given one revision.</summary>
    [JsonPropertyName("revisions")]
    public int Revisions { get; init; }

    /// <summary>Revised samples that passed the critic the second time (each would have been dropped without it).</summary>
    [JsonPropertyName("revisedKept")]
    public int RevisedKept { get; init; }

    [JsonPropertyName("revisionCalls")]
    public int RevisionCalls { get; init; }

    [JsonPropertyName("voicedKept")]
    public int VoicedKept { get; init; }

    [JsonPropertyName("voiced")]
    public int Voiced { get; init; }

    /// <summary>Kept samples by lineage depth ("0", "1", …).</summary>
    [JsonPropertyName("keptByDepth")]
    public IReadOnlyDictionary<string, int> Depths { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    [JsonIgnore]
    public bool Any => Evolved + RefusedLineage + Revisions + Voiced > 0;

    /// <summary>The counts of these samples; null when no method touched any of them.</summary>
    public static MethodStats? Of(IReadOnlyList<Sample> samples)
    {
        var stats = new MethodStats
        {
            Evolved = samples.Count(sample => sample.Lineage?.Evolution.Count > 0 && sample.DropReason != DropReasons.Lineage),
            EvolvedKept = samples.Count(sample => sample.Kept && sample.Lineage?.Evolution.Count > 0),
            EvolutionFailed = samples.Count(sample => sample.DropReason?.StartsWith(DropReasons.FailedEvolution(string.Empty), StringComparison.Ordinal) == true),
            RefusedLineage = samples.Count(sample => sample.DropReason == DropReasons.Lineage),
            Revisions = samples.Count(sample => sample.Lineage?.Revised == true),
            RevisedKept = samples.Count(sample => sample.Kept && sample.Lineage?.Revised == true),
            RevisionCalls = samples.Sum(sample => sample.Lineage?.RevisionCalls ?? 0),
            Voiced = samples.Count(sample => sample.Lineage?.Voice is not null),
            VoicedKept = samples.Count(sample => sample.Kept && sample.Lineage?.Voice is not null),
            Depths = samples.Where(sample => sample.Kept).GroupBy(sample => sample.Lineage?.Depth ?? 0).OrderBy(group => group.Key)
                .ToDictionary(group => group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), group => group.Count(), StringComparer.Ordinal),
        };
        return stats.Any ? stats : null;
    }

    public MethodStats Plus(MethodStats other) => new()
    {
        Evolved = Evolved + other.Evolved,
        EvolvedKept = EvolvedKept + other.EvolvedKept,
        EvolutionFailed = EvolutionFailed + other.EvolutionFailed,
        RefusedLineage = RefusedLineage + other.RefusedLineage,
        Revisions = Revisions + other.Revisions,
        RevisedKept = RevisedKept + other.RevisedKept,
        RevisionCalls = RevisionCalls + other.RevisionCalls,
        Voiced = Voiced + other.Voiced,
        VoicedKept = VoicedKept + other.VoicedKept,
        Depths = Depths.Concat(other.Depths).GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value), StringComparer.Ordinal),
    };
}

/// <summary>Kept questions' diversity with the re-represented samples and without them, to show what the voices add.</summary>
public sealed record VoiceDiversity(DiversityStats With, DiversityStats Without)
{
    public static VoiceDiversity? Of(IReadOnlyList<Sample> samples)
    {
        var kept = samples.Where(sample => sample.Kept).ToList();
        if (!kept.Any(sample => sample.Lineage?.Voice is not null)) return null;
        return new VoiceDiversity(Measure(kept), Measure(kept.Where(sample => sample.Lineage?.Voice is null).ToList()));
    }

    /// <summary>Over the whole sample (request and text), since a voice changes the answer's form more than the request's.</summary>
    private static DiversityStats Measure(IReadOnlyList<Sample> samples)
    {
        var tokens = samples.Select(sample => RougeL.Tokens($"{sample.Question} {sample.Answer}")).ToList();
        return new DiversityStats(Round(Diversity.DistinctN(tokens, 1)), Round(Diversity.DistinctN(tokens, 2)), Round(Diversity.MeanPairwiseRougeL(tokens)));
    }

    private static double Round(double value) => Math.Round(value, 3);
}
