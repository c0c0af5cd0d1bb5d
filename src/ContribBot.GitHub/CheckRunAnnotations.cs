using ContribBot.Core.Diagnostics;
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

    public static (IReadOnlyList<NewCheckRunAnnotation> Annotations, int Skipped) From(IEnumerable<Diagnostic> diagnostics)
    {
        var annotations = new List<NewCheckRunAnnotation>();
        var skipped = 0;
        foreach (var diagnostic in diagnostics)
        {
            if (RepositoryPath(diagnostic.FilePath) is not { } path)
            {
                skipped++;
                continue;
            }

            var line = Math.Max(1, diagnostic.Position.Line);
            annotations.Add(new NewCheckRunAnnotation(path, line, line, Level(diagnostic.Severity), Cut(diagnostic.Message, 4000))
            {
                StartColumn = Math.Max(1, diagnostic.Position.Column),
                EndColumn = Math.Max(1, diagnostic.Position.Column),
                Title = Cut($"{diagnostic.Id} {diagnostic.Descriptor.Title}", 255),
                RawDetails = Cut("How to fix: " + diagnostic.Hint + "\n" + diagnostic.Descriptor.HelpUri, 4000),
            });
        }

        return (annotations, skipped);
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
