using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Reports.Dataset;
using ContribBot.Core.Runs.Build;
using ContribBot.Core.Taxonomy;
using YamlDotNet.RepresentationModel;

namespace ContribBot.Core.Tests.Runs;

/// <summary>The pieces of the dataset build that need no teacher: cache keys, the shard partition, the dataset card.</summary>
public sealed class BuildPartsTests
{
    private static readonly BuildRecipe Recipe = new(GenerationSettings.Default, "teacher", "critic", "You help.", PromptLibrary.Default);

    [Fact]
    public void A_leaf_key_changes_with_each_input_that_shapes_the_output()
    {
        var input = Knowledge("blob-1", "doc-1");
        var key = LeafCacheKey.Of(input, Recipe);

        Assert.Equal(key, LeafCacheKey.Of(Knowledge("blob-1", "doc-1"), Recipe));
        Assert.NotEqual(key, LeafCacheKey.Of(Knowledge("blob-2", "doc-1"), Recipe));
        Assert.NotEqual(key, LeafCacheKey.Of(Knowledge("blob-1", "doc-2"), Recipe));
        Assert.NotEqual(key, LeafCacheKey.Of(input, Recipe with { TeacherModel = "other" }));
        Assert.NotEqual(key, LeafCacheKey.Of(input, Recipe with { CriticModel = "other" }));
        Assert.NotEqual(key, LeafCacheKey.Of(input, Recipe with { SystemPrompt = "You help a lot." }));
        Assert.NotEqual(key, LeafCacheKey.Of(input, Recipe with { Settings = GenerationSettings.Default with { PairsPerCall = 4 } }));
        Assert.NotEqual(key, LeafCacheKey.Of(input, Recipe with { Settings = GenerationSettings.Default with { Thresholds = new Dictionary<string, int> { ["relevancy"] = 1 } } }));
    }

    [Fact]
    public void A_leaf_key_ignores_where_the_leaf_is_and_what_other_leaves_hold()
    {
        var here = Knowledge("blob-1", "doc-1", path: "knowledge/a/b");
        var moved = Knowledge("blob-1", "doc-1", path: "knowledge/c/d");

        Assert.Equal(LeafCacheKey.Of(here, Recipe), LeafCacheKey.Of(moved, Recipe));
        // Settings the leaf's output does not depend on (the preview's sample count) leave the key alone.
        Assert.Equal(LeafCacheKey.Of(here, Recipe), LeafCacheKey.Of(here, Recipe with { Settings = GenerationSettings.Default with { SamplesPerLeaf = 9 } }));
    }

    [Fact]
    public void Two_hundred_leaves_in_eight_shards_are_balanced_and_every_shard_computes_the_same_partition()
    {
        var random = new Random(7);
        var leaves = Enumerable.Range(0, 200).Select(i => ($"skills/leaf_{i:000}", (long)(random.NextDouble() * random.NextDouble() * 100_000) + 100)).ToList();

        var partition = ShardPartition.Assign(leaves, 8);
        var shuffled = ShardPartition.Assign(leaves.OrderBy(_ => random.Next()).ToList(), 8);

        Assert.Equal(partition.OrderBy(p => p.Key), shuffled.OrderBy(p => p.Key));
        var loads = Enumerable.Range(0, 8).Select(shard => leaves.Where(leaf => partition[leaf.Item1] == shard).Sum(leaf => leaf.Item2)).ToList();
        Assert.True(loads.Max() <= 1.2 * loads.Average(), $"largest {loads.Max()} vs mean {loads.Average():0}");
        Assert.All(loads, load => Assert.True(load > 0));
    }

    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("3/8", 3, 8)]
    [InlineData("0/8", 0, 0)]
    [InlineData("9/8", 0, 0)]
    [InlineData("3", 0, 0)]
    [InlineData("a/b", 0, 0)]
    [InlineData("-1/4", 0, 0)]
    public void A_shard_is_read_as_k_of_n(string text, int number, int count)
    {
        var shard = Shard.Parse(text);

        if (count == 0) Assert.Null(shard);
        else Assert.Equal(new Shard(number, count), shard);
    }

    [Fact]
    public void The_dataset_card_front_matter_is_yaml_that_names_the_data_files_and_says_it_is_synthetic()
    {
        var manifest = Manifest("knowledge/`odd`|path <img src=x>", failure: null);

        var card = DatasetCard.Render(manifest, "cc-by-4.0", "en");

        var front = FrontMatter(card);
        Assert.Equal("cc-by-4.0", Scalar(front["license"]));
        Assert.Equal("synthetic", Scalar(((YamlSequenceNode)front["tags"])[0]));
        Assert.Equal("machine-generated", Scalar(((YamlSequenceNode)front["annotations_creators"])[0]));
        Assert.Equal("n<1K", Scalar(((YamlSequenceNode)front["size_categories"])[0]));
        var files = ((YamlSequenceNode)front["configs"]).Children.Cast<YamlMappingNode>()
            .Select(config => Scalar(((YamlMappingNode)((YamlSequenceNode)config["data_files"])[0])["path"])).ToList();
        Assert.Equal([DatasetFiles.Knowledge, DatasetFiles.Skills, DatasetFiles.Test], files);
        // The leaf path is shown only as a code span (where markup is inert), its backticks and pipe made harmless.
        Assert.Contains("`knowledge/'odd'\\|path <img src=x>`", card, StringComparison.Ordinal);
        Assert.Equal(1, card.Split("<img", StringSplitOptions.None).Length - 1);
        Assert.Contains("teacher-m", card, StringComparison.Ordinal);
        Assert.Contains("75.0 %", card, StringComparison.Ordinal); // 3 synthetic rows of 4
    }

    [Fact]
    public void A_partial_dataset_says_so_on_its_card()
    {
        var card = DatasetCard.Render(Manifest("skills/broken", failure: "the teacher became unusable") with { Partial = true }, "cc-by-4.0", "en");

        Assert.Contains("This dataset is **partial**", card, StringComparison.Ordinal);
        Assert.Contains("has no rows: the teacher became unusable", card, StringComparison.Ordinal);
    }

    private static DatasetManifest Manifest(string leaf, string? failure) => new(
        DatasetManifest.CurrentFormat, "c0ffee", new string('a', 64), "teacher-m", "critic-m", 1, failure is not null,
        [new ShardLeaf(leaf, "knowledge", "key", false, 4, 3, new Dictionary<string, int> { ["low-score:relevancy"] = 1 }, 8, 100, 50, failure, [])],
        [new ShardFile(DatasetFiles.Knowledge, 10, "x", 3), new ShardFile(DatasetFiles.Skills, 0, "y", 0), new ShardFile(DatasetFiles.Test, 5, "z", 1)]);

    private static GenerationInput Knowledge(string blob, string documentBlob, string path = "knowledge/moon") =>
        new(new LeafSeeds(new Leaf(new TaxonomyPath(path), LeafKind.Knowledge, 3, blob, null)
        {
            Documents = [new DocumentFile("https://example.com/docs", "abc123", "moon.md", documentBlob, 100)],
        }, "/t/qna.yaml", string.Empty, [new SeedExample("context", [new SeedPair("Q?", "A.")])]), ["chunk"], null);

    private static YamlMappingNode FrontMatter(string card)
    {
        var yaml = card[4..card.IndexOf("\n---\n", 4, StringComparison.Ordinal)];
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value!;
}
