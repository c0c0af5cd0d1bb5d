using ContribBot.Core.Diagnostics;
using ContribBot.Core.Reports.Preview;
using Octokit;

namespace ContribBot.GitHub;

/// <summary>
/// Turns diagnostics into check-run annotations: one each, in reading order, at the diagnostic's line (and column:
/// GitHub takes columns only on single-line annotations), with the code and title as the heading and the fix hint as
/// details. Diagnostics whose path is not a plain path inside the repository cannot be annotated, and past
/// <see cref="MaxAnnotations"/> none are sent (GitHub shows the first ones anyway, and each 50 cost a request): both
/// are counted, and the Markdown says so first.
/// </summary>
public static class CheckRunAnnotations
{
    /// <summary>GitHub accepts at most this many annotations per create or update request.</summary>
    public const int BatchSize = 50;

    /// <summary>Annotations sent per check run: 20 requests at most, so a huge report publishes in seconds.</summary>
    public const int MaxAnnotations = 1000;

    /// <summary>What can be annotated (at most <see cref="MaxAnnotations"/>), and what cannot.</summary>
    /// <param name="Unplaceable">The shown paths of diagnostics that are not plain paths inside the repository.</param>
    /// <param name="OverLimit">Diagnostics that could be annotated but are past <see cref="MaxAnnotations"/>.</param>
    public sealed record AnnotationSet(IReadOnlyList<NewCheckRunAnnotation> Annotations, IReadOnlyList<string> Unplaceable, int OverLimit);

    public static AnnotationSet From(PublishedReport report)
    {
        var annotations = new List<NewCheckRunAnnotation>();
        var unplaceable = new List<string>();
        var overLimit = 0;
        foreach (var diagnostic in report.Diagnostics)
        {
            var shown = report.PathOf(diagnostic);
            if (RepositoryPath(shown) is not { } path)
            {
                unplaceable.Add(shown);
                continue;
            }

            if (annotations.Count == MaxAnnotations)
            {
                overLimit++;
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

        return new AnnotationSet(annotations, unplaceable, overLimit);
    }

    /// <summary>
    /// The note that goes with the Markdown (check-run summary, comment, job summary) when some diagnostics were not
    /// annotated, so none vanishes silently; empty when all were. The diagnostics themselves are in the report's tables.
    /// </summary>
    public static string SkippedNote(AnnotationSet set)
    {
        var note = new System.Text.StringBuilder();
        if (set.Unplaceable.Count > 0)
        {
            var first = set.Unplaceable[0];
            var example = Core.Reports.MarkdownText.TableCode(first.Length > 120 ? first[..120] + "…" : first);
            note.Append("> [!WARNING]\n> ").Append(set.Unplaceable.Count).Append(" diagnostic(s) could not be shown as annotations on the changed files: their path is not a ")
                .Append("plain path inside the repository (for example ").Append(example).Append("). They are listed in the report below.\n\n");
        }

        if (set.OverLimit > 0)
        {
            note.Append("> [!WARNING]\n> ").Append(set.OverLimit).Append(" more diagnostic(s) were not sent as annotations: a check run gets the first ")
                .Append(MaxAnnotations.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).Append(". All of them count, and all are in the report artifact.\n\n");
        }

        return note.ToString();
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
        if (normalized.Length == 0 || normalized.Length > 1024 || normalized.StartsWith('/') || normalized.Contains(':', StringComparison.Ordinal) ||
            normalized.Any(c => char.IsControl(c) || c == Core.Limits.ControlCharacters.Shown))
        {
            return null;
        }

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
