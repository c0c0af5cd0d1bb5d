using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Runs.Build;

/// <summary>
/// The key of a leaf's built output: a SHA-256 over everything that can change it — the leaf's content (blob id), its
/// documents' blobs, the prompt ids, the generation settings, the teacher and critic models and the output format —
/// and nothing else, so a renamed leaf with the same content finds its output again and an unrelated change does not
/// touch it.
/// </summary>
public static class LeafCacheKey
{
    /// <summary>Raised when what a cached leaf holds, or how it is read, changes.</summary>
    public const string FormatVersion = "contribbot-build-leaf-v1";

    public static string Of(GenerationInput input, BuildRecipe recipe)
    {
        var parts = new List<string>
        {
            FormatVersion,
            recipe.Hash,
            JsonReportName(input.Seeds.Kind),
            input.Seeds.Leaf.BlobId,
        };
        parts.AddRange(input.Seeds.Leaf.Documents.Select(document => $"{document.Repo}@{document.Commit}:{document.Path}={document.BlobId}"));
        return Hash(parts);
    }

    internal static string Hash(IEnumerable<string> parts)
    {
        // Length-prefixed, so no two different lists join to the same text.
        var text = new StringBuilder();
        foreach (var part in parts) text.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string JsonReportName(LeafKind kind) => Reports.JsonReportRenderer.KindName(kind);
}

/// <summary>
/// Everything shared by all leaves of a build that shapes their output: the generation settings, the models, the
/// prompts and the training system prompt. Its <see cref="Hash"/> is in every leaf key and in every shard's manifest,
/// so shards made with other settings cannot be merged.
/// </summary>
public sealed record BuildRecipe(GenerationSettings Settings, string TeacherModel, string CriticModel, string SystemPrompt, PromptLibrary Prompts)
{
    public string Hash => LeafCacheKey.Hash(Parts());

    private IEnumerable<string> Parts()
    {
        var s = Settings;
        yield return "recipe-v1";
        yield return TeacherModel;
        yield return CriticModel;
        yield return SystemPrompt;
        foreach (var id in Prompts.UsedBy(s).Select(prompt => prompt.Id).Order(StringComparer.Ordinal)) yield return id;
        foreach (var value in new object[]
                 {
                     s.QuestionsPerCall, s.QuestionsPerContext, s.PairsPerCall, s.ChunkTokens, s.GenerationTemperature, s.CriticTemperature,
                     s.MaxTokensPerCall, s.RougeLThreshold, s.MinQuestionWords, s.MaxQuestionWords, s.MaxAnswerTokens, s.FullBuildSamplesPerSeed,
                     s.FullBuildContextsPerSeed,
                 })
        {
            yield return Convert.ToString(value, CultureInfo.InvariantCulture)!;
        }

        foreach (var (name, minimum) in s.Thresholds.OrderBy(pair => pair.Key, StringComparer.Ordinal)) yield return $"{name}>={minimum}";

        // The methods only when on, so a recipe without them hashes as it did before they existed.
        if (s.Evolve is { } evolve) yield return FormattableString.Invariant($"evolve:{evolve.Depth}:{evolve.Breadth}:{evolve.PerSeed}");
        if (s.Revise is { } revise) yield return FormattableString.Invariant($"revise:{revise.Margin}");
        foreach (var voice in s.Voices) yield return $"voice:{voice.Style}\u0001{voice.Audience}";
        if (s.MaxDepth != 1) yield return FormattableString.Invariant($"max-depth:{s.MaxDepth}");
    }
}
