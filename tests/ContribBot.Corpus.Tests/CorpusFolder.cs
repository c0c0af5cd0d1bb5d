namespace ContribBot.Corpus.Tests;

/// <summary>
/// The corpus folder named by <c>CONTRIBBOT_CORPUS</c>: snapshots of a real taxonomy (each a folder) with the
/// reference's verdict for every file beside it (<c>SNAPSHOT.expected.tsv</c>). It is upstream text, kept outside the
/// repository; <c>test.sh --corpus DIR</c> sets the variable.
/// </summary>
public static class CorpusFolder
{
    public const string Variable = "CONTRIBBOT_CORPUS";

    /// <summary>The folder asked for, or null when nobody asked for the corpus suite.</summary>
    public static string? Requested =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder ? Path.GetFullPath(folder) : null;

    /// <summary>Snapshots are the folders that have an expected-verdict file beside them.</summary>
    public static IReadOnlyList<string> Snapshots(string corpus) =>
        Directory.Exists(corpus)
            ? Directory.EnumerateFiles(corpus, "*.expected.tsv")
                .Select(file => Path.GetFileName(file)[..^".expected.tsv".Length])
                .Where(snapshot => Directory.Exists(Path.Combine(corpus, snapshot)))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>path → (valid, reasons) as the reference judged each file.</summary>
    public static IReadOnlyDictionary<string, ExpectedVerdict> Expected(string corpus, string snapshot) =>
        File.ReadAllLines(Path.Combine(corpus, $"{snapshot}.expected.tsv"))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .ToDictionary(parts => parts[0], parts => new ExpectedVerdict(parts[1] == "valid", parts.Length > 2 ? parts[2] : ""), StringComparer.Ordinal);
}

public sealed record ExpectedVerdict(bool Valid, string Reasons);
