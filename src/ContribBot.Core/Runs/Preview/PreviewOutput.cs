using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Reports.Preview;
using ContribBot.Core.Runs.Files;

namespace ContribBot.Core.Runs.Preview;

/// <summary>
/// The report folder of a preview: <c>report.json</c>, <c>report.md</c> and, when samples were made,
/// <c>samples.jsonl</c>; with the plan (dry run) or the result it was rendered from.
/// </summary>
public sealed record PreviewOutput(string Json, string Markdown, string? Samples)
{
    public const string JsonFile = "report.json";
    public const string MarkdownFile = "report.md";
    public const string SamplesFile = "samples.jsonl";

    public PreviewPlan? Plan { get; init; }

    public PreviewResult? Result { get; init; }

    /// <summary>Writes each file atomically; a dry run removes an older run's samples so none sit beside its plan.</summary>
    public async Task WriteToAsync(string directory)
    {
        await AtomicFile.WriteAsync(Path.Combine(directory, JsonFile), Json).ConfigureAwait(false);
        await AtomicFile.WriteAsync(Path.Combine(directory, MarkdownFile), Markdown).ConfigureAwait(false);
        var samples = Path.Combine(directory, SamplesFile);
        if (Samples is not null) await AtomicFile.WriteAsync(samples, Samples).ConfigureAwait(false);
        else if (File.Exists(samples)) File.Delete(samples);
    }
}
