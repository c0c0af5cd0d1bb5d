namespace ContribBot.Core.Generation;

/// <summary>
/// Counts and thresholds of the pipelines. Defaults follow InstructLab's full pipelines (taxonomy-format.md,
/// "Generation facts"): critic thresholds, ROUGE-L 0.9, 3–150 word questions, 30 samples per seed for a full build.
/// </summary>
public sealed record GenerationSettings
{
    public static GenerationSettings Default { get; } = new();

    /// <summary>Kept samples a preview aims for per leaf; it stops asking once reached.</summary>
    public int SamplesPerLeaf { get; init; } = 5;

    /// <summary>Rounds of generation per leaf before a preview gives up on reaching <see cref="SamplesPerLeaf"/>.</summary>
    public int MaxRoundsPerLeaf { get; init; } = 6;

    /// <summary>Freeform skills: questions asked for per generation call.</summary>
    public int QuestionsPerCall { get; init; } = 5;

    /// <summary>Grounded skills: questions per generated context (InstructLab: 3).</summary>
    public int QuestionsPerContext { get; init; } = 3;

    /// <summary>Knowledge: question-and-answer pairs asked for per chunk and seed.</summary>
    public int PairsPerCall { get; init; } = 3;

    /// <summary>Knowledge: chunk size in teacher tokens (recent InstructLab: about 500).</summary>
    public int ChunkTokens { get; init; } = 500;

    public double GenerationTemperature { get; init; } = 0.7;

    /// <summary>0: a judgement should not depend on luck.</summary>
    public double CriticTemperature { get; init; }

    /// <summary>Most tokens a reply may have (InstructLab: 4,096).</summary>
    public int MaxTokensPerCall { get; init; } = 4096;

    /// <summary>Lowest critic score kept, by score name.</summary>
    public IReadOnlyDictionary<string, int> Thresholds { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["question_quality"] = 1,
        ["answer_quality"] = 2,
        ["faithfulness"] = 1,
        ["relevancy"] = 2,
    };

    /// <summary>A question whose ROUGE-L against a seed or an earlier kept question exceeds this is a near-duplicate.</summary>
    public double RougeLThreshold { get; init; } = 0.9;

    /// <summary>Questions of fewer words are dropped as too short (InstructLab dropped those of 3 or fewer).</summary>
    public int MinQuestionWords { get; init; } = 4;

    public int MaxQuestionWords { get; init; } = 150;

    public int MaxAnswerTokens { get; init; } = 2048;

    /// <summary>Full build: samples per seed example (InstructLab's sdg_scale_factor).</summary>
    public int FullBuildSamplesPerSeed { get; init; } = 30;

    /// <summary>Full build, grounded skills: new contexts per seed (InstructLab: 10).</summary>
    public int FullBuildContextsPerSeed { get; init; } = 10;

    /// <summary>Price per million prompt and completion tokens for the cost estimate (default: a small hosted model's list price).</summary>
    public decimal InputPricePerMillion { get; init; } = 0.15m;

    public decimal OutputPricePerMillion { get; init; } = 0.60m;

    /// <summary>Evol-Instruct for skills; null: off.</summary>
    public Configuration.EvolutionSettings? Evolve { get; init; }

    /// <summary>Critique and revise; null: off.</summary>
    public Configuration.RevisionSettings? Revise { get; init; }

    /// <summary>Knowledge re-represented in these voices (Cosmopedia); empty: off.</summary>
    public IReadOnlyList<Configuration.Voice> Voices { get; init; } = [];

    /// <summary>
    /// How many times a sample's text may have been written from other generated text (see
    /// <see cref="Methods.SampleLineage.Depth"/>); deeper ones are refused as <see cref="DropReasons.Lineage"/>.
    /// Default 1: one evolution of a generated question, never an evolution of an evolution.
    /// </summary>
    public int MaxDepth { get; init; } = 1;

    /// <summary>What the tokens cost at <see cref="InputPricePerMillion"/> and <see cref="OutputPricePerMillion"/>.</summary>
    public decimal CostOf(long promptTokens, long completionTokens) =>
        Math.Round((promptTokens * InputPricePerMillion + completionTokens * OutputPricePerMillion) / 1_000_000m, 4);
}
