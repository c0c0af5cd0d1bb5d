using ContribBot.Core.Diagnostics;
using ContribBot.Core.Reports.Preview;
using Octokit;

namespace ContribBot.GitHub;

/// <summary>
/// Turns diagnostics into check-run annotations: one each, in reading order, at the diagnostic's line (and column:
/// GitHub takes columns only on single-line annotations), with the code and title as the heading and the fix hint as
/// details. Diagnostics whose path is not a plain path inside the repository cannot be annotated and are counted.
/// </summary>
public static class CheckRunAnnotations
{
    /// <summary>GitHub accepts at most this many annotations per create or update request.</summary>
    public const int BatchSize = 50;

    public static (IReadOnlyList<NewCheckRunAnnotation> Annotations, IReadOnlyList<string> Skipped) From(PublishedReport report)
    {
        var annotations = new List<NewCheckRunAnnotation>();
        var skipped = new List<string>();
        foreach (var diagnostic in report.Diagnostics)
        {
            var shown = report.PathOf(diagnostic);
            if (RepositoryPath(shown) is not { } path)
            {
                skipped.Add(shown);
                continue;
            }

            var help = report.Context.HelpUri(diagnostic.Descriptor) is { } uri ? "\n" + uri : string.Empty;
            var line = Math.Max(1, diagnostic.Position.Line);
            annotations.Add(new NewCheckRunAnnotation(path, line, line, Level(diagnostic.Severity), Cut(diagnostic.Message, 4000))
            {
                StartColumn = Math.Max(1, diagnostic.Position.Column),
                EndColumn = Math.Max(1, diagnostic.Position.Column),
                Title = Cut($"{diagnostic.Id} {diagnostic.Descriptor.Title}", 255),
                RawDetails = Cut("How to fix: " + diagnostic.Hint + help, 4000),
            });
        }

        return (annotations, skipped);
    }

    /// <summary>
    /// The note that goes with the Markdown (check-run summary, comment, job summary) when some diagnostics could not be
    /// annotated, so none vanishes silently; empty when all could. The diagnostics themselves are in the report's tables.
    /// </summary>
    public static string SkippedNote(PublishedReport report)
    {
        var skipped = report.Diagnostics.Select(report.PathOf).Where(path => RepositoryPath(path) is null).ToList();
        if (skipped.Count == 0) return string.Empty;
        var example = Core.Reports.MarkdownText.TableCode(skipped[0].Length > 120 ? skipped[0][..120] + "…" : skipped[0]);
        return $"> [!WARNING]\n> {skipped.Count} diagnostic(s) could not be shown as annotations on the changed files: their path is not a " +
               $"plain path inside the repository (for example {example}). They are listed in the report below.\n\n";
    }

    public static IEnumerable<IReadOnlyList<NewCheckRunAnnotation>> Batches(IReadOnlyList<NewCheckRunAnnotation> annotations)
    {
        for (var start = 0; start < annotations.Count; start += BatchSize)
        {
            yield return annotations.Skip(start).Take(BatchSize).ToList();
        }
    }

    /// <summary>A relative, '/'-separated path that stays inside the repository, or null.</summary>
    internal static string? RepositoryPath(string path)
    {
        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal)) normalized = normalized[2..];
        if (normalized.Length == 0 || normalized.StartsWith('/') || normalized.Contains(':', StringComparison.Ordinal)) return null;
        return normalized.Split('/').Any(part => part is "" or "." or "..") ? null : normalized;
    }

    private static CheckAnnotationLevel Level(Severity severity) => severity switch
    {
        Severity.Error => CheckAnnotationLevel.Failure,
        Severity.Warning => CheckAnnotationLevel.Warning,
        _ => CheckAnnotationLevel.Notice,
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
