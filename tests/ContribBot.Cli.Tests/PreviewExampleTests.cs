using ContribBot.Testing;
using ContribBot.Testing.FakeOpenAi;

namespace ContribBot.Cli.Tests;

/// <summary>
/// The bundled example taxonomy previewed against the scripted fake teacher: all three pipelines through the real
/// command. Its report.md is docs/preview-example.md, so the sample in the docs is what the code renders.
/// </summary>
public sealed class PreviewExampleTests : IDisposable
{
    private readonly ExampleTaxonomyCopy _example = new();
    private readonly TempDirectory _out = new();

    public void Dispose()
    {
        _example.Dispose();
        _out.Dispose();
    }

    [Fact]
    public async Task The_example_taxonomy_previews_all_three_kinds_of_leaf()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var run = await CliRun.RunWithEnvironmentAsync(_example.Environment, "preview", _example.Root, "--allow-local-repos", "--out", _out.Path,
            "--teacher-url", server.BaseUrl.ToString(), "--model", "example-teacher", "--critic-model", "example-critic");

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
