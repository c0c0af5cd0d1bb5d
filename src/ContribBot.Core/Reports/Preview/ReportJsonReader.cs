using System.Text.Json;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Core.Limits;
using ContribBot.Core.Quality;
using ContribBot.Core.Taxonomy;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Reports.Preview;

/// <summary>
/// Reads a <c>report.json</c> written by <c>preview</c> (or <c>validate --format json</c>) back into values, treating
/// it as untrusted input: bounded size and depth, read as a stream, every field optional and type-checked, long texts
/// cut. It fails closed: a diagnostic is never dropped, so the counts of errors and warnings stay what the report said.
/// One with a code this version does not know becomes <see cref="ReportDiagnostics.UnknownCode"/> at its severity; one whose path
/// cannot be shown (empty, overlong, control characters) keeps a path with those characters replaced, which is never
/// annotated. Paths are kept as written otherwise; whoever uses one as a repository path checks it. Nothing in it is
/// executed or passed on unescaped; the renderers escape all text again.
/// </summary>
public static class ReportJsonReader
{
    public const long MaxBytes = 50L * 1024 * 1024;
    private const int MaxText = 20_000;
    private const int MaxItems = 20_000;
    private const int MaxPath = 1024;
    private const int MaxDiagnosticText = 1_000;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <exception cref="InvalidDataException">Not a ContribBot report (with the reason).</exception>
    public static PublishedReport Read(string json)
    {
        if (json.Length > MaxBytes) throw new InvalidDataException($"the report is larger than {MaxBytes / (1024 * 1024)} MiB");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"the report is not valid JSON ({exception.Message})", exception);
        }

        return Read(document);
    }

    /// <summary>Reads a report from a stream (a file), never more than <see cref="MaxBytes"/> of it.</summary>
    /// <exception cref="InvalidDataException">Not a ContribBot report, or too large (with the reason).</exception>
    public static async Task<PublishedReport> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            if (stream.CanSeek && stream.Length - stream.Position <= MaxBytes)
            {
                // A file of known length: read once into one array the document then uses as it is (no growing copies).
                var bytes = new byte[stream.Length - stream.Position];
                await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                document = JsonDocument.Parse(bytes.AsMemory(), Options);
            }
            else
            {
                await using var bounded = new BoundedReadStream(stream, MaxBytes, leaveOpen: true);
                document = await JsonDocument.ParseAsync(bounded, Options, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException($"the report is {exception.Message}", exception);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"the report is not valid JSON ({exception.Message})", exception);
        }

        return Read(document);
    }

    private static PublishedReport Read(JsonDocument document)
    {
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("diagnostics", out _))
            {
                throw new InvalidDataException("the report is not a ContribBot report (no 'diagnostics' list)");
            }

            var validation = Validation(root);
            var dryRun = Bool(root, "dryRun");
            var preview = !dryRun && Has(root, "preview", out var run) && run.ValueKind == JsonValueKind.Object ? Preview(root, run, validation) : null;
            var plan = dryRun ? Plan(root) : null;
            return new PublishedReport(validation, preview, plan);
        }
    }

    private static ValidationReport Validation(JsonElement root)
    {
        var byFile = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
        foreach (var item in Items(root, "diagnostics"))
        {
            var code = Text(item, "code");
            var known = Known.GetValueOrDefault(code);
            var file = ShowablePath(Text(item, "file"));
            var severity = Text(item, "severity") switch
            {
                "error" => Severity.Error,
                "warning" => Severity.Warning,
                _ => Severity.Info,
            };
            var position = new SourcePosition(Math.Max(1, Int(item, "line")), Math.Max(1, Int(item, "column")));
            var diagnostic = known is not null
                ? new Diagnostic(known, severity, file, position, Short(Text(item, "message")), Short(Text(item, "hint")))
                : new Diagnostic(ReportDiagnostics.UnknownCode, severity, file, position, ReportDiagnostics.UnknownCode.Format(code.Length > 40 ? code[..40] + "…" : code, Short(Text(item, "message"))),
                    ReportDiagnostics.UnknownCode.Hint);
            if (!byFile.TryGetValue(file, out var list)) byFile[file] = list = [];
            list.Add(diagnostic);
        }

        var files = new List<FileReport>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Items(root, "files"))
        {
            if (UsablePath(Text(item, "path")) is not { } path || !seen.Add(path)) continue;
            var role = Enum.TryParse<TaxonomyFileRole>(Text(item, "role"), ignoreCase: true, out var parsed) ? parsed : TaxonomyFileRole.Leaf;
            files.Add(new FileReport(new TaxonomyFile(".", path, path, role), null, byFile.GetValueOrDefault(path) ?? []));
        }

        // Diagnostics of files the list did not name still count.
        foreach (var (path, diagnostics) in byFile.Where(pair => !seen.Contains(pair.Key)))
        {
            files.Add(new FileReport(new TaxonomyFile(".", path, path, TaxonomyFileRole.Leaf), null, diagnostics));
        }

        return new ValidationReport(["."], files.OrderBy(file => file.File.RelativePath, StringComparer.Ordinal).ToList());
    }

    private static PreviewResult Preview(JsonElement root, JsonElement run, ValidationReport validation)
    {
        var usage = Object(run, "usage");
        var build = Object(run, "fullBuild");
        var prices = Object(build, "pricePerMillion");
        var settings = GenerationSettings.Default with
        {
            SamplesPerLeaf = Math.Max(1, Int(run, "samplesPerLeaf")),
            InputPricePerMillion = Decimal(prices, "input"),
            OutputPricePerMillion = Decimal(prices, "output"),
        };
        var status = Text(run, "status") switch
        {
            "interrupted" => PreviewStatus.Interrupted,
            "aborted" => PreviewStatus.Aborted,
            _ => PreviewStatus.Complete,
        };
        var leaves = Items(root, "leaves").Select(Leaf).ToList();
        var snapshot = new UsageSnapshot(Long(usage, "calls"), Long(usage, "attempts"), Long(usage, "retries"), Long(usage, "failedCalls"),
            Long(usage, "promptTokens"), Long(usage, "completionTokens"));
        return new PreviewResult(leaves, status, NullableText(run, "message"), Text(run, "teacherModel"), Text(run, "criticModel"), snapshot, settings);
    }

    private static LeafPreview Leaf(JsonElement item)
    {
        var path = Text(item, "path");
        var leaf = new Leaf(new TaxonomyPath(path), Kind(Text(item, "kind")), 3, Text(item, "blob"), NullableText(item, "lastCommit"));
        var seeds = new LeafSeeds(leaf, UsablePath(Text(item, "file")) ?? "qna.yaml", string.Empty, []);
        var samples = Items(item, "samples").Select(Sample).ToList();
        var quality = Has(item, "quality", out var q) && q.ValueKind == JsonValueKind.Object ? Quality(q) : null;
        return new LeafPreview(seeds, Int(item, "chunks"), samples, quality, NullableText(item, "skipped"));
    }

    private static Sample Sample(JsonElement item)
    {
        var provenance = Object(item, "provenance");
        // A sample is kept with no reason, or dropped with one: a report that says otherwise is made consistent.
        var kept = Bool(item, "kept");
        return new Sample(Text(item, "question"), Text(item, "answer"), kept, kept ? null : NullableText(item, "dropReason") ?? "unknown")
        {
            Context = NullableText(item, "context"),
            Raw = NullableText(item, "raw"),
            Scores = Numbers(item, "scores"),
            Provenance = new SampleProvenance(Text(provenance, "leaf"), Text(provenance, "blob"), NullableText(provenance, "commit"), Int(provenance, "seed"),
                Has(provenance, "chunk", out var chunk) && chunk.ValueKind == JsonValueKind.Number ? chunk.GetInt32() : null,
                Text(provenance, "teacherModel"), Text(provenance, "criticModel"), Items(provenance, "prompts").Select(p => p.ValueKind == JsonValueKind.String ? Cut(p.GetString()!) : string.Empty).ToList()),
        };
    }

    private static LeafQuality Quality(JsonElement q)
    {
        var diversity = Object(q, "diversity");
        var nearest = Object(q, "nearestSeed");
        var lengths = Object(q, "lengths");
        var tokens = Object(q, "tokens");
        var build = Has(q, "fullBuild", out var b) && b.ValueKind == JsonValueKind.Object
            ? new BuildEstimate(Int(b, "samples"), Long(b, "calls"), Long(b, "promptTokens"), Long(b, "completionTokens"), Decimal(b, "cost"))
            : null;
        var scores = new SortedDictionary<string, ScoreStats>(StringComparer.Ordinal);
        if (Has(q, "scores", out var s) && s.ValueKind == JsonValueKind.Object)
        {
            foreach (var score in s.EnumerateObject().Take(50).Where(score => score.Value.ValueKind == JsonValueKind.Object))
            {
                var v = score.Value;
                scores[Cut(score.Name)] = new ScoreStats(Int(v, "count"), Double(v, "min"), Double(v, "mean"), Double(v, "max"), Counts(v, "histogram"));
            }
        }

        return new LeafQuality(Int(q, "generated"), Int(q, "kept"), Counts(q, "dropped"), scores,
            new DiversityStats(Double(diversity, "distinct1"), Double(diversity, "distinct2"), Double(diversity, "meanPairwiseRougeL")),
            new SeedSimilarity(Double(nearest, "maxRougeL"), Has(nearest, "seed", out var seed) && seed.ValueKind == JsonValueKind.Number ? seed.GetInt32() : null, Double(nearest, "meanRougeL")),
            Has(q, "grounding", out var g) && g.ValueKind == JsonValueKind.Number ? g.GetDouble() : null,
            new LengthStats(Double(lengths, "questionWords"), Double(lengths, "answerWords"), Double(lengths, "answerTokens")),
            new TokenUsage(Int(tokens, "calls"), Int(tokens, "failedCalls"), Long(tokens, "prompt"), Long(tokens, "completion"),
                NullableDouble(tokens, "promptPerKept"), NullableDouble(tokens, "totalPerKept")),
            build,
            Items(q, "risks").Select(risk => new RiskFlag(Text(risk, "code"), Text(risk, "message"))).ToList());
    }

    private static PreviewPlan Plan(JsonElement root)
    {
        var leaves = Items(root, "leaves").Select(item => new LeafPlan(Text(item, "path"), Kind(Text(item, "kind")), Int(item, "seeds"), Int(item, "chunks"),
            NullableText(item, "skipped"),
            Items(item, "calls").Select(call => new PlannedCall(Text(call, "prompt"), string.Empty, Int(call, "promptTokens"), Int(call, "completionTokens"),
                Int(call, "previewCalls"), Long(call, "fullBuildCalls"))).ToList(),
            Int(item, "fullBuildSamples")) { FullBuildCost = Decimal(item, "fullBuildCost") }).ToList();
        var plan = Object(root, "plan");
        var prices = Object(plan, "pricePerMillion");
        var settings = GenerationSettings.Default with
        {
            InputPricePerMillion = Has(prices, "input", out _) ? Decimal(prices, "input") : GenerationSettings.Default.InputPricePerMillion,
            OutputPricePerMillion = Has(prices, "output", out _) ? Decimal(prices, "output") : GenerationSettings.Default.OutputPricePerMillion,
        };
        return new PreviewPlan(leaves, settings) { Notice = NullableText(plan, "notice") };
    }

    private static readonly Dictionary<string, DiagnosticDescriptor> Known = DiagnosticCatalog.All.ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>The path with '/' separators, or null when it is empty, overlong or holds control characters.</summary>
    private static string? UsablePath(string path) =>
        path.Length == 0 || path.Length > MaxPath || path.Any(char.IsControl) ? null : path.Replace('\\', '/');

    /// <summary>
    /// A diagnostic's path as it can be shown: control characters replaced by U+FFFD, cut when overlong, U+FFFD alone
    /// when empty. A path so changed is never a repository path, so it is counted and listed but not annotated.
    /// </summary>
    private static string ShowablePath(string path)
    {
        if (UsablePath(path) is { } usable) return usable;
        if (path.Length == 0) return ControlCharacters.Shown.ToString();
        var shown = new string(path.Take(MaxPath).Select(c => char.IsControl(c) ? ControlCharacters.Shown : c).ToArray()).Replace('\\', '/');
        return path.Length > MaxPath ? shown + ControlCharacters.Shown : shown;
    }

    private static LeafKind Kind(string kind) => kind switch
    {
        "knowledge" => LeafKind.Knowledge,
        "grounded_skill" => LeafKind.GroundedSkill,
        _ => LeafKind.FreeformSkill,
    };

    /// <summary>TryGetProperty that is false, not an exception, on a missing object (a field absent from the report).</summary>
    private static bool Has(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value);
    }

    private static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Take(MaxItems)
            : [];

    private static JsonElement Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : default;

    private static string Text(JsonElement element, string name) => NullableText(element, name) ?? string.Empty;

    private static string? NullableText(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Cut(value.GetString()!) : null;

    /// <summary>A diagnostic's message or hint: ours are a line or two, and annotations take at most 4,000 characters.</summary>
    private static string Short(string text) => text.Length <= MaxDiagnosticText ? text : text[..MaxDiagnosticText] + " …";

    private static string Cut(string text) => text.Length <= MaxText ? text : text[..MaxText] + " …";

    private static bool Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static int Int(JsonElement element, string name) => (int)Math.Clamp(Long(element, name), int.MinValue, int.MaxValue);

    private static long Long(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : 0;

    private static double Double(JsonElement element, string name) => NullableDouble(element, name) ?? 0;

    private static double? NullableDouble(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) ? number : null;

    private static decimal Decimal(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) ? number : 0;

    private static SortedDictionary<string, double> Numbers(JsonElement element, string name)
    {
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var scores = Object(element, name);
        if (scores.ValueKind != JsonValueKind.Object) return result;
        foreach (var score in scores.EnumerateObject().Take(50))
        {
            if (score.Value.ValueKind == JsonValueKind.Number && score.Value.TryGetDouble(out var value) && double.IsFinite(value)) result[Cut(score.Name)] = value;
        }

        return result;
    }

    private static SortedDictionary<string, int> Counts(JsonElement element, string name)
    {
        var result = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var counts = Object(element, name);
        if (counts.ValueKind != JsonValueKind.Object) return result;
        foreach (var count in counts.EnumerateObject().Take(200))
        {
            if (count.Value.ValueKind == JsonValueKind.Number && count.Value.TryGetInt32(out var value)) result[Cut(count.Name)] = value;
        }

        return result;
    }
}
