using ContribBot.Core.Diagnostics;
using ContribBot.Core.Validation;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Validation;

/// <summary>
/// Real contributions from the public taxonomy (../shared/corpus, read in place) with the reference's verdict for each:
/// a file the reference accepts must get no error from us, a file it rejects must get at least one.
/// </summary>
public sealed class CorpusTests
{
    public static TheoryData<string> Snapshots => new() { "head", "2024-08" };

    [Theory]
    [MemberData(nameof(Snapshots))]
    public async Task Every_corpus_file_gets_the_reference_verdict(string snapshot)
    {
        var root = Path.Combine(RepositoryPaths.SharedCorpus, snapshot);
        Assert.True(Directory.Exists(root), $"The shared corpus is missing at {root}; CI places ../shared beside the repository.");
        var expected = (await File.ReadAllLinesAsync(Path.Combine(RepositoryPaths.SharedCorpus, $"{snapshot}.expected.tsv")))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .ToDictionary(parts => parts[0], parts => parts[1] == "valid");
        var validator = await TaxonomyValidator.CreateAsync(ValidationOptions.Default, CancellationToken.None);

        var report = await validator.ValidateAsync([root], null, CancellationToken.None);

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), report.Files.Select(f => f.File.RelativePath).Order(StringComparer.Ordinal));
        var wrong = report.Files
            .Where(file => expected[file.File.RelativePath] == file.HasErrors)
            .Select(file => $"{file.File.RelativePath}: expected {(expected[file.File.RelativePath] ? "valid" : "invalid")}, got " +
                            string.Join("; ", file.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => $"{d.Id} {d.Message}")))
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
