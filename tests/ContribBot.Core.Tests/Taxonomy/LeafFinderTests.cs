using ContribBot.Core.Taxonomy;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Taxonomy;

/// <summary>Walking a tree on disk: every leaf found, and nothing the walk cannot see passed over in silence.</summary>
public sealed class LeafFinderTests : IDisposable
{
    private readonly TaxonomyFixture _taxonomy = new();

    public void Dispose() => _taxonomy.Dispose();

    [Fact]
    public void A_folder_that_cannot_be_listed_is_a_finding_and_its_siblings_are_still_walked()
    {
        _taxonomy.WriteLeaf("compositional_skills/a/first", SampleLeaves.FreeformSkill);
        _taxonomy.WriteLeaf("compositional_skills/b/locked", SampleLeaves.FreeformSkill);
        _taxonomy.WriteLeaf("compositional_skills/c/last", SampleLeaves.FreeformSkill);
        var locked = _taxonomy.Combine("compositional_skills/b");

        // As a folder without read permission does for anyone but root (these tests may run as root).
        var files = LeafFinder.Enumerate(_taxonomy.Root, folder => folder == locked
            ? throw new UnauthorizedAccessException($"Access to the path '{folder}' is denied.")
            : new DirectoryInfo(folder).EnumerateFileSystemInfos().Select(e => new FolderEntry(e.Name, e.FullName, e is DirectoryInfo, e.LinkTarget is not null))).ToList();

        Assert.Equal(
            [("compositional_skills/a/first/qna.yaml", TaxonomyFileRole.Leaf), ("compositional_skills/b", TaxonomyFileRole.UnreadableFolder), ("compositional_skills/c/last/qna.yaml", TaxonomyFileRole.Leaf)],
            files.Select(f => (f.RelativePath, f.Role)).OrderBy(f => f.RelativePath, StringComparer.Ordinal));
        Assert.Equal("permission denied", files.Single(f => f.Role == TaxonomyFileRole.UnreadableFolder).Problem);
    }

    [Fact]
    public void A_tree_thousands_of_folders_deep_is_walked_without_recursion()
    {
        var deep = string.Join('/', Enumerable.Repeat("d", 1500));
        _taxonomy.WriteLeaf($"compositional_skills/{deep}", SampleLeaves.FreeformSkill);

        var leaf = Assert.Single(LeafFinder.Enumerate(_taxonomy.Root));

        Assert.EndsWith("/d/qna.yaml", leaf.RelativePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_named_on_the_command_line_is_not_a_file_to_open()
    {
        var fifo = _taxonomy.Combine("compositional_skills/pipe/qna.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(fifo)!);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) await mkfifo.WaitForExitAsync();

        var file = LeafFinder.ForFile(fifo);

        Assert.Equal((TaxonomyFileRole.NotAFile, "a FIFO, socket or device"), (file.Role, file.Problem));
    }

    [Fact]
    public void Hidden_folders_are_not_walked()
    {
        _taxonomy.WriteLeaf("compositional_skills/shown", SampleLeaves.FreeformSkill);
        _taxonomy.WriteLeaf("compositional_skills/.hidden/leaf", SampleLeaves.FreeformSkill);
        _taxonomy.WriteFile(".github/contribbot.yml", "preview:\n  samples: 1\n");

        Assert.Equal(["compositional_skills/shown/qna.yaml"], LeafFinder.Enumerate(_taxonomy.Root).Select(f => f.RelativePath));
    }
}
