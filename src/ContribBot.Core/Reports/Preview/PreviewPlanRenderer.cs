using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Reports.Preview;

/// <summary>The dry-run plan as text (terminal), Markdown (PR comment) and JSON (report.json with <c>dryRun: true</c>).</summary>
public static class PreviewPlanRenderer
{
    public const string Label = "DRY RUN: no teacher is configured, so nothing was generated.";

    public const string HowToConfigure =
        "Set --teacher-url and --model (or CONTRIBBOT_TEACHER_URL and CONTRIBBOT_MODEL, or teacher: in .github/contribbot.yml) to generate a preview.";

    public static string Text(PreviewPlan plan, bool showPrompts)
    {
        var text = new StringBuilder();
        if (plan.Notice is { } notice) text.Append("DRY RUN: ").Append(notice).Append("\n\n");
        else text.Append(Label).Append('\n').Append(HowToConfigure).Append("\n\n");
        foreach (var leaf in plan.Leaves)
        {
            text.Append(leaf.Path).Append(" (").Append(JsonReportRenderer.KindName(leaf.Kind)).Append(", ").Append(leaf.Seeds).Append(" seeds");
            if (leaf.Kind == Taxonomy.LeafKind.Knowledge) text.Append(", ").Append(leaf.Chunks).Append(" document chunks");
            text.Append(")\n");
            if (leaf.SkipReason is { } skip)
            {
                text.Append("  not previewed: ").Append(skip).Append('\n');
                if (leaf.Calls.Count == 0)
                {
                    text.Append('\n');
                    continue;
                }
            }

            foreach (var call in leaf.Calls)
            {
                text.Append("  ").Append(call.PromptId.PadRight(36)).Append(' ')
                    .Append(N(call.PromptTokens).PadLeft(7)).Append(" prompt tokens/call, ~").Append(N(call.CompletionTokens)).Append(" completion; preview ")
                    .Append(N(call.PreviewCount)).Append(" call(s), full build ").Append(N(call.FullBuildCount)).Append('\n');
                if (showPrompts) text.Append(Indent(call.RenderedPrompt)).Append('\n');
            }

            text.Append("  preview ~").Append(N(leaf.PreviewTokens)).Append(" tokens; full build ").Append(N(leaf.FullBuildSamples)).Append(" samples, ~")
                .Append(N(leaf.FullBuildTokens)).Append(" tokens, about $").Append(Money(leaf.FullBuildCost)).Append("\n\n");
        }

        text.Append("Total: preview ").Append(N(plan.PreviewCalls)).Append(" calls, ~").Append(N(plan.PreviewTokens)).Append(" tokens; full build ")
            .Append(N(plan.FullBuildCalls)).Append(" calls, ~").Append(N(plan.FullBuildTokens)).Append(" tokens, about $").Append(Money(plan.FullBuildCost))
            .Append(" at $").Append(Money(plan.Settings.InputPricePerMillion)).Append(" / $").Append(Money(plan.Settings.OutputPricePerMillion))
            .Append(" per million prompt / completion tokens (assuming every sample is kept; every leaf that passes validation is in the full build, ")
            .Append("also those over the preview limit).\n");
        return text.ToString();
    }

    public static string Markdown(PreviewPlan plan, ValidationReport validation, ReportContext context) =>
        Markdown(plan, validation, context, MarkdownReportRenderer.DefaultBudget);

    /// <summary>
    /// The plan within <paramref name="budget"/> characters by construction: the note, the totals with the price and
    /// the assumptions they rest on, the validation errors, a row per leaf the preview would generate for, one line per
    /// reason others are not previewed, and the warnings folded.
    /// </summary>
    public static string Markdown(PreviewPlan plan, ValidationReport validation, ReportContext context, int budget)
    {
        var md = new StringBuilder();
        md.Append("### ContribBot preview: dry run\n\n");
        if (plan.Notice is { } notice) md.Append("> [!WARNING]\n> ").Append(MarkdownText.Escape(notice)).Append("\n\n");
        else md.Append("> [!NOTE]\n> ").Append(Label).Append(' ').Append(HowToConfigure).Append("\n\n");
        var inBuild = plan.Leaves.Count(leaf => leaf.Calls.Count > 0);
        md.Append("**Preview**: ").Append(N(plan.PreviewCalls)).Append(" calls, ~").Append(N(plan.PreviewTokens)).Append(" tokens. ")
            .Append("**Full build of the ").Append(N(inBuild)).Append(" leaf(s) that pass validation** (estimated): ")
            .Append(N(plan.Leaves.Sum(leaf => (long)leaf.FullBuildSamples))).Append(" samples, ").Append(N(plan.FullBuildCalls)).Append(" calls, ~")
            .Append(N(plan.FullBuildTokens)).Append(" tokens, about $").Append(Money(plan.FullBuildCost)).Append(" — ")
            .Append(PreviewMarkdownRenderer.CostAssumptions(plan.Settings, null))
            .Append(", assuming every sample is kept (a real run also pays for the ones its filters drop).\n\n");
        md.Append(PreviewMarkdownRenderer.ValidationLine(validation));
        md.Append(MarkdownReportRenderer.Errors(validation, context, Math.Max(0, budget * 2 / 5 - md.Length)));

        var previewed = plan.Leaves.Where(leaf => leaf.SkipReason is null).ToList();
        var rows = previewed.Select(leaf => new StringBuilder().Append("| ").Append(MarkdownText.TableCode(leaf.Path)).Append(" | ")
            .Append(JsonReportRenderer.KindName(leaf.Kind).Replace('_', ' ')).Append(" | ").Append(leaf.Seeds).Append(" | ")
            .Append(N(leaf.Calls.Sum(c => c.PreviewCount))).Append(" | ").Append(N(leaf.PreviewTokens)).Append(" | ").Append(N(leaf.FullBuildSamples))
            .Append(" | ").Append(N(leaf.FullBuildTokens)).Append(" | $").Append(Money(leaf.FullBuildCost)).Append(" |\n").ToString()).ToList();
        md.Append(PreviewMarkdownRenderer.Table(
            "\n| Leaf | Kind | Seeds | Preview calls | Preview tokens | Full build samples | Full build tokens | Cost |\n|---|---|---:|---:|---:|---:|---:|---:|\n",
            rows, budget * 3 / 5 - md.Length, "leaf(s)"));
        md.Append(PreviewMarkdownRenderer.NotPreviewed(plan.Leaves, leaf => leaf.Path, leaf => leaf.SkipReason, budget * 4 / 5 - md.Length));
        md.Append(MarkdownReportRenderer.WarningsAndNotices(validation, context, budget - md.Length));
        return md.ToString();
    }

    public static string Json(PreviewPlan plan, ValidationReport validation, ReportContext context)
    {
        var root = JsonReportRenderer.Build(validation, context);
        root["formatVersion"] = PreviewJsonRenderer.FormatVersion;
        root["dryRun"] = true;
        root["plan"] = new JsonObject
        {
            ["previewCalls"] = plan.PreviewCalls,
            ["previewTokens"] = plan.PreviewTokens,
            ["fullBuildCalls"] = plan.FullBuildCalls,
            ["fullBuildTokens"] = plan.FullBuildTokens,
            ["fullBuildCost"] = plan.FullBuildCost,
            ["pricePerMillion"] = new JsonObject { ["input"] = plan.Settings.InputPricePerMillion, ["output"] = plan.Settings.OutputPricePerMillion },
            ["notice"] = plan.Notice,
        };
        root["leaves"] = new JsonArray(plan.Leaves.Select(leaf => (JsonNode)new JsonObject
        {
            ["path"] = leaf.Path,
            ["kind"] = JsonReportRenderer.KindName(leaf.Kind),
            ["seeds"] = leaf.Seeds,
            ["chunks"] = leaf.Chunks,
            ["skipped"] = leaf.SkipReason,
            ["samples"] = new JsonArray(),
            ["calls"] = new JsonArray(leaf.Calls.Select(call => (JsonNode)new JsonObject
            {
                ["prompt"] = call.PromptId,
                ["promptTokens"] = call.PromptTokens,
                ["completionTokens"] = call.CompletionTokens,
                ["previewCalls"] = call.PreviewCount,
                ["fullBuildCalls"] = call.FullBuildCount,
            }).ToArray()),
            ["previewTokens"] = leaf.PreviewTokens,
            ["fullBuildSamples"] = leaf.FullBuildSamples,
            ["fullBuildTokens"] = leaf.FullBuildTokens,
            ["fullBuildCost"] = leaf.FullBuildCost,
        }).ToArray());
        return root.ToJsonString(JsonReportRenderer.Indented) + "\n";
    }

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(line => "      │ " + line));

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
