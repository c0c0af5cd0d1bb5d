using System.Collections.Concurrent;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Validation;

namespace ContribBot.Corpus.Tests;

/// <summary>
/// Real contributions from a public taxonomy with the reference's verdict for each: a file the reference accepts must
/// get no error from us, a file it rejects must get at least one. Each snapshot is validated once as a whole tree (as
/// a maintainer would run it), and every file is its own test case, so a failure names the file.
/// </summary>
public sealed class CorpusVerdictTests
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ValidationReport>>> Reports = new(StringComparer.Ordinal);

    public static TheoryData<string> Snapshots()
    {
        var data = new TheoryData<string>();
        if (CorpusFolder.Requested is { } corpus)
        {
            foreach (var snapshot in CorpusFolder.Snapshots(corpus)) data.Add(snapshot);
        }

        return data;
    }

    public static TheoryData<string, string> Files()
    {
        var data = new TheoryData<string, string>();
        if (CorpusFolder.Requested is not { } corpus) return data;
        foreach (var snapshot in CorpusFolder.Snapshots(corpus))
        {
            foreach (var path in CorpusFolder.Expected(corpus, snapshot).Keys.Order(StringComparer.Ordinal)) data.Add(snapshot, path);
        }

        return data;
    }

    [CorpusFact]
    public void The_corpus_folder_asked_for_holds_snapshots_with_verdicts()
    {
        var corpus = CorpusFolder.Requested!;

        Assert.True(Directory.Exists(corpus), $"{CorpusFolder.Variable} names {corpus}, which does not exist.");
        Assert.True(CorpusFolder.Snapshots(corpus).Count > 0,
            $"{corpus} holds no snapshot: expected folders with a SNAPSHOT.expected.tsv beside each.");
    }

    [CorpusTheory]
    [MemberData(nameof(Snapshots))]
    public async Task A_whole_snapshot_checks_exactly_the_files_the_reference_checked(string snapshot)
    {
        var report = await ReportOf(snapshot);

        var expected = CorpusFolder.Expected(CorpusFolder.Requested!, snapshot).Keys.Order(StringComparer.Ordinal);
        Assert.Equal(expected, report.Files.Select(f => f.File.RelativePath).Order(StringComparer.Ordinal));
    }

    [CorpusTheory]
    [MemberData(nameof(Files))]
    public async Task Every_file_gets_the_reference_verdict(string snapshot, string path)
    {
        var expected = CorpusFolder.Expected(CorpusFolder.Requested!, snapshot)[path];
        var report = await ReportOf(snapshot);

        var file = Assert.Single(report.Files, f => f.File.RelativePath == path);
        var errors = file.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => $"{d.Id} {d.Message}").ToList();
        if (expected.Valid) Assert.True(errors.Count == 0, $"the reference accepts {path}; ContribBot says: {string.Join("; ", errors)}");
        else Assert.True(errors.Count > 0, $"the reference rejects {path} ({expected.Reasons}); ContribBot found no error");
    }

    private static Task<ValidationReport> ReportOf(string snapshot) =>
        Reports.GetOrAdd(snapshot, name => new Lazy<Task<ValidationReport>>(async () =>
        {
            var validator = await TaxonomyValidator.CreateAsync(ValidationOptions.Default, CancellationToken.None);
            return await validator.ValidateAsync([Path.Combine(CorpusFolder.Requested!, name)], null, CancellationToken.None);
        })).Value;
}
