using ContribBot.Testing;

namespace ContribBot.Cli.Tests;

/// <summary>
/// The bundled example taxonomy copied into a temp folder, with its knowledge leaf pointed at a document repository
/// made here (so no script has to run first) and a cache folder of its own.
/// </summary>
internal sealed class ExampleTaxonomyCopy : IDisposable
{
    private readonly TaxonomyRepoFixture _documents = new();
    private readonly TempDirectory _cache = new();

    public ExampleTaxonomyCopy()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.ExampleTaxonomy, "*", SearchOption.AllDirectories))
        {
            Taxonomy.WriteFile(Path.GetRelativePath(RepositoryPaths.ExampleTaxonomy, file), File.ReadAllText(file));
        }

        _documents.WriteFile("moon/moon_phases.md", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples/documents/moon/moon_phases.md")));
        var commit = _documents.Commit("Example knowledge documents");
        var leaf = Taxonomy.Combine("knowledge/science/astronomy/moon_phases/qna.yaml");
        File.WriteAllText(leaf, File.ReadAllText(leaf)
            .Replace("repo: ../document-repo", $"repo: {_documents.Root}", StringComparison.Ordinal)
            .Replace("5974ca271902332b633b1d86dc05408245d6d4c7", commit, StringComparison.Ordinal));
    }

    public TaxonomyFixture Taxonomy { get; } = new();

    public string Root => Taxonomy.Root;

    /// <summary>An environment whose CONTRIBBOT_CACHE_DIR is this copy's own cache folder.</summary>
    public Dictionary<string, string> Environment => new() { ["CONTRIBBOT_CACHE_DIR"] = _cache.Path };

    public void Dispose()
    {
        Taxonomy.Dispose();
        _documents.Dispose();
        _cache.Dispose();
    }
}
