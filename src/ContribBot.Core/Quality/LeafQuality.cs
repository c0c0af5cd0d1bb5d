using ContribBot.Core.Text;

namespace ContribBot.Core.Quality;

/// <summary>The quality report of one leaf's preview (see <see cref="QualityCalculator"/> for how each is measured).</summary>
public sealed record LeafQuality(
    int Generated,
    int Kept,
    IReadOnlyDictionary<string, int> Dropped,
    IReadOnlyDictionary<string, ScoreStats> Scores,
    DiversityStats Diversity,
    SeedSimilarity NearestSeed,
    double? Grounding,
    LengthStats Lengths,
    TokenUsage Tokens,
    BuildEstimate? FullBuild,
    IReadOnlyList<RiskFlag> Risks)
{
    /// <summary>What evolution, revision and re-representation did; null when none was used.</summary>
    public MethodStats? Methods { get; init; }

    /// <summary>Diversity with and without the re-represented samples; null without any.</summary>
    public VoiceDiversity? Voices { get; init; }
}

/// <summary>A score's spread over the samples that got it, and how many got each value.</summary>
public sealed record ScoreStats(int Count, double Min, double Mean, double Max, IReadOnlyDictionary<string, int> Histogram);

/// <summary>Over kept samples' questions: distinct unigrams and bigrams, and mean pairwise ROUGE-L.</summary>
public sealed record DiversityStats(double Distinct1, double Distinct2, double MeanPairwiseRougeL);

/// <summary>The closest any kept question came to a seed question (ROUGE-L), which seed that was, and the mean closeness.</summary>
public sealed record SeedSimilarity(double Max, int? Seed, double Mean);

/// <summary>Mean lengths of kept samples in words, and of answers in teacher tokens.</summary>
public sealed record LengthStats(double QuestionWords, double AnswerWords, double AnswerTokens);

/// <summary>Tokens the preview spent on this leaf (as the server reported them) and per kept sample.</summary>
public sealed record TokenUsage(int Calls, int FailedCalls, long Prompt, long Completion, double? PromptPerKept, double? TotalPerKept);

/// <summary>The full build of this leaf, extrapolated from the preview's cost per kept sample.</summary>
public sealed record BuildEstimate(int Samples, long Calls, long PromptTokens, long CompletionTokens, decimal Cost);

/// <summary>Something a reviewer should look at; <see cref="Code"/> is stable (e.g. <c>copied-seeds</c>).</summary>
public sealed record RiskFlag(string Code, string Message);
