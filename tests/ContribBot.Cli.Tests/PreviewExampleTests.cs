using ContribBot.Testing;
using ContribBot.Testing.FakeOpenAi;

namespace ContribBot.Cli.Tests;

/// <summary>
/// The bundled example taxonomy previewed against the scripted fake teacher: all three pipelines through the real
/// command. Its report.md is docs/preview-example.md, so the sample in the docs is what the code renders.
/// </summary>
public sealed class PreviewExampleTests : IDisposable
{
    private readonly TaxonomyFixture _taxonomy = new();
    private readonly TaxonomyRepoFixture _documents = new();
    private readonly TempDirectory _out = new();
    private readonly TempDirectory _cache = new();

    public PreviewExampleTests()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.ExampleTaxonomy, "*", SearchOption.AllDirectories))
        {
            _taxonomy.WriteFile(Path.GetRelativePath(RepositoryPaths.ExampleTaxonomy, file), File.ReadAllText(file));
        }

        // The example's document repository, made here so the test needs no script run first.
        _documents.WriteFile("moon/moon_phases.md", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples/documents/moon/moon_phases.md")));
        var commit = _documents.Commit("Example knowledge documents");
        var leaf = _taxonomy.Combine("knowledge/science/astronomy/moon_phases/qna.yaml");
        File.WriteAllText(leaf, File.ReadAllText(leaf)
            .Replace("repo: ../document-repo", $"repo: {_documents.Root}", StringComparison.Ordinal)
            .Replace("5974ca271902332b633b1d86dc05408245d6d4c7", commit, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _taxonomy.Dispose();
        _documents.Dispose();
        _out.Dispose();
        _cache.Dispose();
    }

    [Fact]
    public async Task The_example_taxonomy_previews_all_three_kinds_of_leaf()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        Environment.SetEnvironmentVariable("CONTRIBBOT_CACHE_DIR", _cache.Path);
        CliRun run;
        try
        {
            run = await CliRun.RunAsync("preview", _taxonomy.Root, "--allow-local-repos", "--out", _out.Path,
                "--teacher-url", server.BaseUrl.ToString(), "--model", "example-teacher", "--critic-model", "example-critic");
        }
        finally
        {
            Environment.SetEnvironmentVariable("CONTRIBBOT_CACHE_DIR", null);
        }

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Preview complete: 15 of 15 samples kept", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(server.Calls, call => call.SchemaName == "grounded-context");
        Assert.Contains(server.Calls, call => call.SchemaName == "knowledge-pairs" && call.User.Contains("waxing crescent", StringComparison.OrdinalIgnoreCase));
        var markdown = File.ReadAllText(Path.Combine(_out.Path, "report.md"));
        Golden.MatchAt(markdown, Path.Combine(RepositoryPaths.Root, "docs", "preview-example.md"));
        // Publishing renders again from report.json alone (report.md may come from an untrusted run): same result.
        var published = Core.Reports.Preview.ReportJsonReader.Read(File.ReadAllText(Path.Combine(_out.Path, "report.json")));
        Assert.Equal(markdown, published.RenderMarkdown());
    }
}
