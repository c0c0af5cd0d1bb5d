using System.Text.Json;
using System.Text.Json.Nodes;
using ContribBot.Core.Generation;
using ContribBot.Core.Quality;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Reports.Preview;

/// <summary>
/// <c>report.json</c>: the validation report (summary, diagnostics, files), the run (status, models, calls, tokens),
/// and <c>leaves[]</c> with every sample (kept or dropped, reason, scores, provenance) and the leaf's quality metrics.
/// This file is what <c>contribbot pr --report</c> publishes.
/// </summary>
public static class PreviewJsonRenderer
{
    public const int FormatVersion = 1;

    public static string Render(ValidationReport validation, PreviewResult result, ReportContext context)
    {
        var root = JsonReportRenderer.Build(validation, context);
        root["formatVersion"] = FormatVersion;
        root["dryRun"] = false;
        root["preview"] = new JsonObject
        {
            ["status"] = result.Status.ToString().ToLowerInvariant(),
            ["message"] = result.StatusMessage,
            ["teacherModel"] = result.TeacherModel,
            ["criticModel"] = result.CriticModel,
            ["samplesPerLeaf"] = result.Settings.SamplesPerLeaf,
            ["generated"] = result.Generated,
            ["kept"] = result.Kept,
            ["dropped"] = Counts(result.Leaves.SelectMany(leaf => leaf.Samples).Where(s => !s.Kept).GroupBy(s => s.DropReason!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)),
            ["usage"] = new JsonObject
            {
                ["calls"] = result.Usage.Calls,
                ["attempts"] = result.Usage.Attempts,
                ["retries"] = result.Usage.Retries,
                ["failedCalls"] = result.Usage.FailedCalls,
                ["promptTokens"] = result.Usage.PromptTokens,
                ["completionTokens"] = result.Usage.CompletionTokens,
            },
            ["fullBuild"] = FullBuild(result),
        };
        root["leaves"] = new JsonArray(result.Leaves.Select(leaf => (JsonNode)Leaf(leaf, context)).ToArray());
        return root.ToJsonString(JsonReportRenderer.Indented) + "\n";
    }

    private static JsonObject FullBuild(PreviewResult result)
    {
        var estimates = result.Leaves.Select(leaf => leaf.Quality?.FullBuild).OfType<BuildEstimate>().ToList();
        return new JsonObject
        {
            ["leavesEstimated"] = estimates.Count,
            ["samples"] = estimates.Sum(e => e.Samples),
            ["calls"] = estimates.Sum(e => e.Calls),
            ["promptTokens"] = estimates.Sum(e => e.PromptTokens),
            ["completionTokens"] = estimates.Sum(e => e.CompletionTokens),
            ["cost"] = estimates.Sum(e => e.Cost),
            ["pricePerMillion"] = new JsonObject { ["input"] = result.Settings.InputPricePerMillion, ["output"] = result.Settings.OutputPricePerMillion },
        };
    }

    private static JsonObject Leaf(LeafPreview leaf, ReportContext context) => new()
    {
        ["path"] = leaf.Path,
        ["kind"] = JsonReportRenderer.KindName(leaf.Seeds.Kind),
        ["file"] = context.DisplayPath(leaf.Seeds.FilePath),
        ["blob"] = leaf.Seeds.Leaf.BlobId,
        ["lastCommit"] = leaf.Seeds.Leaf.LastCommit,
        ["seeds"] = leaf.Seeds.Examples.Count,
        ["chunks"] = leaf.Chunks,
        ["skipped"] = leaf.SkipReason,
        ["samples"] = new JsonArray(leaf.Samples.Select(sample => (JsonNode)SampleNode(sample)).ToArray()),
        ["quality"] = leaf.Quality is { } quality ? Quality(quality) : null,
    };

    internal static JsonObject SampleNode(Sample sample) => new()
    {
        ["question"] = sample.Question,
        ["answer"] = sample.Answer,
        ["context"] = sample.Context,
        ["kept"] = sample.Kept,
        ["dropReason"] = sample.DropReason,
        ["scores"] = new JsonObject(sample.Scores.Select(score => KeyValuePair.Create(score.Key, (JsonNode?)score.Value))),
        ["raw"] = sample.Raw,
        ["provenance"] = Provenance(sample.Provenance),
        ["lineage"] = sample.Lineage is { } lineage ? Lineage(lineage) : null,
    };

    internal static JsonObject Lineage(Generation.Methods.SampleLineage lineage) => new()
    {
        ["depth"] = lineage.Depth,
        ["evolution"] = new JsonArray(lineage.Evolution.Select(step => (JsonNode)step).ToArray()),
        ["revised"] = lineage.Revised,
        ["scoresBefore"] = lineage.ScoresBefore is { } before ? new JsonObject(before.Select(score => KeyValuePair.Create(score.Key, (JsonNode?)score.Value))) : null,
        ["voice"] = lineage.Voice,
    };

    internal static JsonObject Provenance(SampleProvenance provenance) => new()
    {
        ["leaf"] = provenance.Leaf,
        ["blob"] = provenance.BlobId,
        ["commit"] = provenance.Commit,
        ["seed"] = provenance.Seed,
        ["chunk"] = provenance.Chunk,
        ["teacherModel"] = provenance.TeacherModel,
        ["criticModel"] = provenance.CriticModel,
        ["prompts"] = new JsonArray(provenance.Prompts.Select(id => (JsonNode)id).ToArray()),
    };

    private static JsonObject Quality(LeafQuality quality) => new()
    {
        ["generated"] = quality.Generated,
        ["kept"] = quality.Kept,
        ["dropped"] = Counts(quality.Dropped),
        ["scores"] = new JsonObject(quality.Scores.Select(score => KeyValuePair.Create(score.Key, (JsonNode?)new JsonObject
        {
            ["count"] = score.Value.Count,
            ["min"] = score.Value.Min,
            ["mean"] = score.Value.Mean,
            ["max"] = score.Value.Max,
            ["histogram"] = Counts(score.Value.Histogram),
        }))),
        ["diversity"] = Diversity(quality.Diversity),
        ["nearestSeed"] = new JsonObject
        {
            ["maxRougeL"] = quality.NearestSeed.Max,
            ["seed"] = quality.NearestSeed.Seed,
            ["meanRougeL"] = quality.NearestSeed.Mean,
        },
        ["grounding"] = quality.Grounding,
        ["lengths"] = new JsonObject
        {
            ["questionWords"] = quality.Lengths.QuestionWords,
            ["answerWords"] = quality.Lengths.AnswerWords,
            ["answerTokens"] = quality.Lengths.AnswerTokens,
        },
        ["tokens"] = new JsonObject
        {
            ["calls"] = quality.Tokens.Calls,
            ["failedCalls"] = quality.Tokens.FailedCalls,
            ["prompt"] = quality.Tokens.Prompt,
            ["completion"] = quality.Tokens.Completion,
            ["promptPerKept"] = quality.Tokens.PromptPerKept,
            ["totalPerKept"] = quality.Tokens.TotalPerKept,
        },
        ["fullBuild"] = quality.FullBuild is { } build
            ? new JsonObject
            {
                ["samples"] = build.Samples,
                ["calls"] = build.Calls,
                ["promptTokens"] = build.PromptTokens,
                ["completionTokens"] = build.CompletionTokens,
                ["cost"] = build.Cost,
            }
            : null,
        ["methods"] = quality.Methods is { } methods ? Methods(methods) : null,
        ["voiceDiversity"] = quality.Voices is { } voices ? new JsonObject
        {
            ["with"] = Diversity(voices.With),
            ["without"] = Diversity(voices.Without),
        } : null,
        ["risks"] = new JsonArray(quality.Risks.Select(risk => (JsonNode)new JsonObject { ["code"] = risk.Code, ["message"] = risk.Message }).ToArray()),
    };

    private static JsonObject Diversity(DiversityStats diversity) => new()
    {
        ["distinct1"] = diversity.Distinct1,
        ["distinct2"] = diversity.Distinct2,
        ["meanPairwiseRougeL"] = diversity.MeanPairwiseRougeL,
    };

    private static JsonObject Methods(MethodStats methods) => new()
    {
        ["evolved"] = methods.Evolved,
        ["evolvedKept"] = methods.EvolvedKept,
        ["evolutionFailed"] = methods.EvolutionFailed,
        ["refusedLineage"] = methods.RefusedLineage,
        ["revisions"] = methods.Revisions,
        ["revisedKept"] = methods.RevisedKept,
        ["revisionCalls"] = methods.RevisionCalls,
        ["voiced"] = methods.Voiced,
        ["voicedKept"] = methods.VoicedKept,
        ["keptByDepth"] = Counts(methods.Depths),
    };

    private static JsonObject Counts(IReadOnlyDictionary<string, int> counts) =>
        new(counts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));
}
