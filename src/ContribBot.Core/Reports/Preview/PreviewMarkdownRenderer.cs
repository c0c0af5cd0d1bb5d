using System.Globalization;
using System.Text;
using ContribBot.Core.Generation;
using ContribBot.Core.Quality;
using ContribBot.Core.Text;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Reports.Preview;

/// <summary>
/// <c>report.md</c>, for a PR comment or job summary: a headline, a summary table per leaf, a Mermaid chart of what
/// became of the samples, a collapsible section per leaf with its quality and a few samples, then the validation
/// report. Contributed and generated text only ever appears escaped (<see cref="MarkdownText"/>); the chart holds
/// only our own labels and numbers, since Mermaid has its own syntax to break.
/// </summary>
public static class PreviewMarkdownRenderer
{
    /// <summary>Samples shown per leaf and outcome; the rest are in report.json and samples.jsonl.</summary>
    public const int SamplesShown = 5;

    private const int MaxShownLength = 800;

    public static string Render(ValidationReport validation, PreviewResult result, ReportContext context) =>
        Render(validation, result, context, MarkdownReportRenderer.DefaultBudget);

    /// <summary>
    /// The report within <paramref name="budget"/> characters by construction: the headline, the validation errors,
    /// the table of previewed leaves and one line per reason leaves were not previewed come first; the warnings
    /// (folded) are given their room next; the per-leaf sections with samples fill what is left, and a leaf that does
    /// not fit is named in one line pointing at samples.jsonl.
    /// </summary>
    /// <param name="reviewBoxes">
    /// The stored verdicts by sample id, to show each sample's review boxes ticked as they say (<see cref="ReviewCheckboxes"/>);
    /// null: no boxes (the Action's comment, which no one reads back).
    /// </param>
    public static string Render(ValidationReport validation, PreviewResult result, ReportContext context, int budget, IReadOnlyDictionary<string, bool>? reviewBoxes = null)
    {
        var md = new StringBuilder();
        var previewed = result.Leaves.Where(l => l.SkipReason is null).ToList();
        md.Append("### ContribBot preview: ").Append(result.Kept).Append(" of ").Append(result.Generated)
            .Append(" synthetic samples kept across ").Append(previewed.Count).Append(" leaf(s)\n\n");
        if (result.Status != PreviewStatus.Complete)
        {
            md.Append("> [!WARNING]\n> Preview ").Append(result.Status == PreviewStatus.Interrupted ? "interrupted" : "aborted").Append(": ")
                .Append(MarkdownText.Escape(result.StatusMessage ?? string.Empty)).Append("\n\n");
        }

        md.Append("Teacher ").Append(MarkdownText.TableCode(result.TeacherModel)).Append(", critic ").Append(MarkdownText.TableCode(result.CriticModel))
            .Append(" · ").Append(N(result.Usage.Calls)).Append(" calls, ").Append(N(result.Usage.TotalTokens)).Append(" tokens");
        if (result.Usage.Retries > 0) md.Append(", ").Append(N(result.Usage.Retries)).Append(" retried");
        md.Append("\n\n");
        var estimates = previewed.Select(l => l.Quality?.FullBuild).OfType<BuildEstimate>().ToList();
        if (estimates.Count > 0)
        {
            var notPreviewed = result.Leaves.Count - previewed.Count;
            md.Append("**Full build of the ").Append(estimates.Count).Append(" previewed leaf(s) with samples (estimated)**: ")
                .Append(N(estimates.Sum(e => e.Samples))).Append(" samples, ").Append(N(estimates.Sum(e => e.Calls))).Append(" calls, ")
                .Append(N(estimates.Sum(e => e.PromptTokens + e.CompletionTokens))).Append(" tokens, about $")
                .Append(estimates.Sum(e => e.Cost).ToString("0.00", CultureInfo.InvariantCulture))
                .Append(" — ").Append(CostAssumptions(result.Settings, result.TeacherModel))
                .Append(", extrapolated from this preview's calls and tokens per kept sample (so the dropped ones are paid for too)")
                .Append(notPreviewed > 0 ? $"; the {N(notPreviewed)} leaf(s) not previewed are not in this estimate" : string.Empty).Append(".\n\n");
        }

        md.Append(ValidationLine(validation));
        md.Append(MarkdownReportRenderer.Errors(validation, context, Math.Max(0, budget * 2 / 5 - md.Length)));

        md.Append(Table("\n| Leaf | Kind | Kept | Dropped | Critic scores (mean) | Pairwise ROUGE-L | Nearest seed | Grounding | Risks |\n" +
                        "|---|---|---:|---:|---|---:|---:|---:|---|\n", previewed.Select(Row).ToList(), budget * 3 / 5 - md.Length, "previewed leaf(s)"));
        md.Append(NotPreviewed(result.Leaves, budget - md.Length - 2_000));
        Chart(md, result);

        // The folded warnings get their room before the samples do (at most a quarter of the budget).
        var warnings = MarkdownReportRenderer.WarningsAndNotices(validation, context, Math.Min(budget / 4, Math.Max(0, budget - md.Length - 600)));
        var left = new List<LeafPreview>();
        var ids = SampleIds.Of(result);
        foreach (var leaf in previewed.Where(l => l.Quality is not null))
        {
            var section = new StringBuilder();
            LeafSection(section, leaf, leaf.Quality!, ids, reviewBoxes);
            if (md.Length + section.Length + warnings.Length + 600 > budget) left.Add(leaf);
            else md.Append(section);
        }

        if (left.Count > 0)
        {
            md.Append("\nSamples of ").Append(N(left.Count)).Append(" more leaf(s) did not fit in this comment: they are in the full report ")
                .Append("(samples.jsonl and report.json in the report artifact).\n");
        }

        md.Append(warnings);
        return md.ToString();
    }

    /// <summary>
    /// A table of <paramref name="rows"/> within <paramref name="room"/> characters; the rows that do not fit are
    /// counted ("…and 12 more <paramref name="what"/> in report.json"). Empty without rows.
    /// </summary>
    public static string Table(string header, IReadOnlyList<string> rows, int room, string what)
    {
        if (rows.Count == 0) return string.Empty;
        var table = new StringBuilder(header);
        var shown = 0;
        while (shown < rows.Count && table.Length + rows[shown].Length <= room) table.Append(rows[shown++]);
        if (shown < rows.Count) table.Append("\n…and ").Append(N(rows.Count - shown)).Append(" more ").Append(what).Append(" in report.json.\n");
        return table.ToString();
    }

    /// <summary>The price and model a cost was computed with, said beside it.</summary>
    public static string CostAssumptions(GenerationSettings settings, string? model) =>
        $"at ${settings.InputPricePerMillion.ToString("0.00##", CultureInfo.InvariantCulture)} / ${settings.OutputPricePerMillion.ToString("0.00##", CultureInfo.InvariantCulture)} " +
        $"per million prompt / completion tokens for {(model is null ? "the teacher" : MarkdownText.TableCode(model))} " +
        "(the prices set by `generation.price_input_per_million` and `price_output_per_million`)";

    /// <summary>The validation's counts in one line.</summary>
    public static string ValidationLine(ValidationReport validation)
    {
        var notices = validation.Diagnostics.Count(d => d.Severity == Diagnostics.Severity.Info);
        return (validation.HasErrors ? "❌" : "✅") + $" Validation: {N(validation.ErrorCount)} error(s), {N(validation.WarningCount)} warning(s), " +
               $"{N(notices)} notice(s) in {N(validation.Files.Count)} file(s) ({N(validation.LeafCount)} leaves).\n";
    }

    /// <summary>
    /// Leaves that were not previewed, one line per reason (over the preview limit, validation errors, documents
    /// unreadable), with their paths folded and cut to <paramref name="budget"/>.
    /// </summary>
    public static string NotPreviewed<T>(IEnumerable<T> leaves, Func<T, string> path, Func<T, string?> reason, int budget)
    {
        var md = new StringBuilder();
        foreach (var group in leaves.Where(l => reason(l) is not null).GroupBy(l => Generalised(reason(l)!), StringComparer.Ordinal).OrderByDescending(g => g.Count()))
        {
            var members = group.ToList();
            md.Append("\n**").Append(N(members.Count)).Append(" leaf(s) not previewed**: ").Append(MarkdownText.Escape(group.Key)).Append('\n');
            var list = new StringBuilder("\n<details><summary>Which leaves</summary>\n\n");
            var shown = 0;
            foreach (var member in members)
            {
                var item = (shown > 0 ? ", " : string.Empty) + MarkdownText.TableCode(path(member));
                if (md.Length + list.Length + item.Length + 80 > budget) break;
                list.Append(item);
                shown++;
            }

            if (shown < members.Count) list.Append(shown > 0 ? " and " : string.Empty).Append(N(members.Count - shown)).Append(" more");
            if (md.Length + list.Length + 20 <= budget) md.Append(list).Append("\n\n</details>\n");
        }

        return md.ToString();
    }

    private static string NotPreviewed(IEnumerable<LeafPreview> leaves, int budget) =>
        NotPreviewed(leaves, leaf => leaf.Path, leaf => leaf.SkipReason, budget);

    /// <summary>A skip reason with its leaf-specific detail (in parentheses) set apart, so leaves skipped alike group.</summary>
    private static string Generalised(string reason) =>
        reason.StartsWith("its documents could not be read", StringComparison.Ordinal) ? "its documents could not be read (see the validation findings)" : reason;

    private static string Row(LeafPreview leaf)
    {
        var md = new StringBuilder();
        md.Append("| ").Append(MarkdownText.TableCode(leaf.Path)).Append(" | ").Append(JsonReportRenderer.KindName(leaf.Seeds.Kind).Replace('_', ' ')).Append(" | ");
        if (leaf.Quality is not { } q) return md.Append("– | – | | | | | |\n").ToString();
        md.Append(q.Kept).Append(" | ").Append(q.Generated - q.Kept).Append(" | ")
            .Append(MarkdownText.Escape(string.Join(", ", q.Scores.Where(s => s.Key != "grounding").Select(s => $"{s.Key.Replace('_', ' ')} {F(s.Value.Mean)}")))).Append(" | ")
            .Append(q.Kept >= 2 ? q.Diversity.MeanPairwiseRougeL.ToString("0.00", CultureInfo.InvariantCulture) : "–").Append(" | ")
            .Append(q.Kept > 0 ? q.NearestSeed.Max.ToString("0.00", CultureInfo.InvariantCulture) : "–").Append(" | ")
            .Append(q.Grounding is { } g ? g.ToString("0.00", CultureInfo.InvariantCulture) : "–").Append(" | ")
            .Append(q.Risks.Count == 0 ? "✅" : "⚠️ " + MarkdownText.Escape(string.Join(", ", q.Risks.Select(r => r.Code)))).Append(" |\n");
        return md.ToString();
    }

    private static void Chart(StringBuilder md, PreviewResult result)
    {
        var outcomes = result.Leaves.SelectMany(l => l.Samples)
            .GroupBy(s => s.Kept ? "kept" : s.DropReason!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (outcomes.Count == 0) return;
        md.Append("\n```mermaid\npie showData title What became of the generated samples\n");
        // Labels are our own drop-reason codes; keep only their safe characters anyway.
        foreach (var outcome in outcomes)
        {
            var label = new string(outcome.Key.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or ':' or ' ').ToArray());
            md.Append("    \"").Append(label).Append("\" : ").Append(outcome.Count()).Append('\n');
        }

        md.Append("```\n");
    }

    private static void LeafSection(StringBuilder md, LeafPreview leaf, LeafQuality q, IReadOnlyDictionary<Sample, string> ids, IReadOnlyDictionary<string, bool>? reviewBoxes)
    {
        md.Append("\n<details><summary><code>").Append(MarkdownText.Html(leaf.Path)).Append("</code>: ").Append(q.Kept).Append(" kept, ")
            .Append(q.Generated - q.Kept).Append(" dropped</summary>\n\n");
        foreach (var risk in q.Risks) md.Append("- ⚠️ **").Append(MarkdownText.Escape(risk.Code)).Append("**: ").Append(MarkdownText.Escape(risk.Message)).Append('\n');
        if (q.Dropped.Count > 0)
        {
            md.Append("- Dropped: ").Append(string.Join(", ", q.Dropped.Select(d => $"{MarkdownText.Escape(d.Key)} × {d.Value}"))).Append('\n');
        }

        foreach (var (name, stats) in q.Scores)
        {
            md.Append("- ").Append(MarkdownText.Escape(name.Replace('_', ' '))).Append(": mean ").Append(F(stats.Mean)).Append(" (min ").Append(F(stats.Min))
                .Append(", max ").Append(F(stats.Max)).Append(", n = ").Append(stats.Count);
            if (stats.Histogram.Count > 0) md.Append("; ").Append(string.Join(", ", stats.Histogram.Select(h => $"{MarkdownText.Escape(h.Key)} × {h.Value}")));
            md.Append(")\n");
        }

        md.Append("- Diversity of kept questions: distinct words ").Append(F(q.Diversity.Distinct1)).Append(", distinct bigrams ").Append(F(q.Diversity.Distinct2))
            .Append(", mean pairwise ROUGE-L ").Append(F(q.Diversity.MeanPairwiseRougeL)).Append('\n');
        MethodLines(md, q);
        if (q.NearestSeed.Seed is { } seed) md.Append("- Nearest seed: example ").Append(seed + 1).Append(" at ROUGE-L ").Append(F(q.NearestSeed.Max)).Append('\n');
        md.Append("- Lengths (mean): question ").Append(F(q.Lengths.QuestionWords)).Append(" words, answer ").Append(F(q.Lengths.AnswerWords))
            .Append(" words (").Append(F(q.Lengths.AnswerTokens)).Append(" tokens)\n");
        md.Append("- Preview cost: ").Append(q.Tokens.Calls).Append(" calls, ").Append(N(q.Tokens.Prompt)).Append(" prompt + ").Append(N(q.Tokens.Completion)).Append(" completion tokens");
        if (q.Tokens.PromptPerKept is { } perKept) md.Append(", ").Append(perKept.ToString("0", CultureInfo.InvariantCulture)).Append(" prompt tokens per kept sample");
        md.Append('\n');
        if (q.FullBuild is { } build)
        {
            md.Append("- Full build (estimated): ").Append(N(build.Samples)).Append(" samples, ").Append(N(build.Calls)).Append(" calls, ")
                .Append(N(build.PromptTokens + build.CompletionTokens)).Append(" tokens, about $").Append(build.Cost.ToString("0.00", CultureInfo.InvariantCulture)).Append('\n');
        }

        Samples(md, "Kept samples", leaf.Samples.Where(s => s.Kept), ids, reviewBoxes);
        Samples(md, "Dropped samples", leaf.Samples.Where(s => !s.Kept), ids, reviewBoxes);
        md.Append("\n</details>\n");
    }

    private static void Samples(StringBuilder md, string title, IEnumerable<Sample> samples, IReadOnlyDictionary<Sample, string> ids, IReadOnlyDictionary<string, bool>? reviewBoxes)
    {
        var shown = samples.Take(SamplesShown + 1).ToList();
        if (shown.Count == 0) return;
        md.Append("\n**").Append(title).Append("**\n");
        foreach (var sample in shown.Take(SamplesShown))
        {
            // The id a maintainer names in `/contribbot review s3:bad`.
            md.Append("\n`").Append(ids[sample]).Append("` ");
            if (sample.DropReason is { } reason) md.Append('*').Append(MarkdownText.Escape(reason)).Append('*');
            if (sample.Scores.Count > 0)
            {
                md.Append(sample.DropReason is null ? string.Empty : " · ")
                    .Append(MarkdownText.Escape(string.Join(", ", sample.Scores.Select(s => $"{s.Key.Replace('_', ' ')} {F(s.Value)}"))));
            }

            if (sample.Lineage is { } lineage) md.Append(" · ").Append(MarkdownText.Escape(Describe(lineage)));
            md.Append("\n\n");
            if (sample.Provenance.Chunk is { } chunk)
            {
                // Knowledge: the same chunk backs many samples; name it and show its start rather than all of it.
                var context = sample.Context ?? string.Empty;
                Quote(md, $"Document chunk {chunk + 1}", context.Length > 160 ? context[..160] + " …" : context);
            }
            else if (sample.Context is { } context)
            {
                Quote(md, "Context", context);
            }

            Quote(md, "Q", sample.Question.Length > 0 ? sample.Question : "(none)");
            Quote(md, "A", sample.Answer.Length > 0 ? sample.Answer : sample.Raw is { Length: > 0 } raw ? $"(unreadable reply) {raw}" : "(none)");
            if (reviewBoxes is not null) md.Append(ReviewCheckboxes.Lines(ids[sample], reviewBoxes.TryGetValue(ids[sample], out var verdict) ? verdict : null)).Append('\n');
        }

        if (shown.Count > SamplesShown) md.Append("\n…and more in report.json and samples.jsonl.\n");
    }

    /// <summary>What the methods did for a leaf: evolution, revision (with the pass-rate gain and its calls), voices (with diversity with and without).</summary>
    private static void MethodLines(StringBuilder md, LeafQuality q)
    {
        if (q.Methods is not { } m) return;
        if (m.Evolved + m.EvolutionFailed + m.RefusedLineage > 0)
        {
            md.Append("- Evol-Instruct: ").Append(m.Evolved).Append(" evolved question(s), ").Append(m.EvolvedKept).Append(" kept; ")
                .Append(m.EvolutionFailed).Append(" failed evolution(s) eliminated");
            if (m.RefusedLineage > 0) md.Append("; ").Append(m.RefusedLineage).Append(" deeper step(s) refused by `lineage.max_depth`");
            md.Append('\n');
        }

        if (m.Revisions > 0)
        {
            var before = q.Generated == 0 ? 0 : (double)(q.Kept - m.RevisedKept) / q.Generated;
            var after = q.Generated == 0 ? 0 : (double)q.Kept / q.Generated;
            md.Append("- Critique and revise: ").Append(m.Revisions).Append(" near miss(es) revised, ").Append(m.RevisedKept).Append(" then passed; pass rate ")
                .Append(Percent(before)).Append(" → ").Append(Percent(after)).Append(" for ").Append(m.RevisionCalls).Append(" more call(s)\n");
        }

        if (m.Voiced > 0)
        {
            md.Append("- Re-representation: ").Append(m.Voiced).Append(" text(s) in other voices, ").Append(m.VoicedKept).Append(" kept");
            if (q.Voices is { } voices)
            {
                md.Append("; kept samples' distinct bigrams ").Append(F(voices.Without.Distinct2)).Append(" → ").Append(F(voices.With.Distinct2))
                    .Append(", mean pairwise ROUGE-L ").Append(F(voices.Without.MeanPairwiseRougeL)).Append(" → ").Append(F(voices.With.MeanPairwiseRougeL))
                    .Append(" (without → with the voices)");
            }

            md.Append('\n');
        }
    }

    /// <summary>One line on how a sample was made beyond plain generation.</summary>
    internal static string Describe(Generation.Methods.SampleLineage lineage)
    {
        var parts = new List<string>();
        if (lineage.Evolution.Count > 0) parts.Add($"evolved: {string.Join(" → ", lineage.Evolution)} (depth {lineage.Depth})");
        if (lineage.Revised)
        {
            parts.Add(lineage.ScoresBefore is { Count: > 0 } before
                ? "revised (before: " + string.Join(", ", before.Where(s => s.Key != "grounding").Select(s => $"{s.Key.Replace('_', ' ')} {F(s.Value)}")) + ")"
                : "revised");
        }

        if (lineage.Voice is { } voice) parts.Add($"voice: {voice}");
        return string.Join(" · ", parts);
    }

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    /// <summary>
    /// A blockquote of escaped text, cut to a readable length; source lines stay lines (a trailing backslash is
    /// CommonMark's hard break, and escaping guarantees the text cannot end in a lone backslash of its own).
    /// </summary>
    private static void Quote(StringBuilder md, string label, string text)
    {
        var cut = text.Length > MaxShownLength ? text[..MaxShownLength] + " …" : text;
        var lines = cut.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(line => !string.IsNullOrWhiteSpace(line)).Select(MarkdownText.Escape).ToList();
        md.Append("> **").Append(label).Append(":** ").Append(string.Join("\\\n> ", lines)).Append("\n\n");
    }



    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
