using System.Text.RegularExpressions;
using ContribBot.Testing;
using YamlDotNet.RepresentationModel;

namespace ContribBot.Cli.Tests;

/// <summary>docs/kubernetes.md: its Indexed Job runs one shard per pod and its merge Job joins them.</summary>
public sealed partial class KubernetesDocTests
{
    [Fact]
    public void The_indexed_job_builds_shard_index_plus_one_of_its_completions_and_the_merge_joins_them()
    {
        var documents = Manifests();
        var build = documents.Single(doc => Text(Map(doc, "metadata")["name"]) == "contribbot-build");
        var merge = documents.Single(doc => Text(Map(doc, "metadata")["name"]) == "contribbot-merge");

        var spec = Map(build, "spec");
        Assert.Equal("batch/v1", Text(build["apiVersion"]));
        Assert.Equal("Indexed", Text(spec["completionMode"]));
        var completions = Text(spec["completions"]);
        Assert.Equal(completions, Text(spec["parallelism"]));
        var container = (YamlMappingNode)((YamlSequenceNode)Map(Map(spec, "template"), "spec")["containers"])[0];
        var shards = ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>().Single(env => Text(env["name"]) == "SHARDS");
        Assert.Equal(completions, Text(shards["value"]));
        var command = Text(((YamlSequenceNode)container["args"])[0]);
        Assert.Contains("--shard \"$((JOB_COMPLETION_INDEX + 1))/$SHARDS\"", command, StringComparison.Ordinal);
        Assert.Contains("--out \"/work/shards/shard-$((JOB_COMPLETION_INDEX + 1))\"", command, StringComparison.Ordinal);

        var mergeContainer = (YamlMappingNode)((YamlSequenceNode)Map(Map(Map(merge, "spec"), "template"), "spec")["containers"])[0];
        Assert.Equal("contribbot merge /work/shards/shard-* --out /work/dataset --taxonomy /taxonomy --near-duplicate-index /work/near-duplicates.index", Text(((YamlSequenceNode)mergeContainer["args"])[0]));
    }

    [Fact]
    public void Every_pod_index_maps_to_a_shard_the_cli_accepts()
    {
        var completions = int.Parse(Text(Map(Manifests()[0], "spec")["completions"]), System.Globalization.CultureInfo.InvariantCulture);

        // JOB_COMPLETION_INDEX runs from 0 to completions - 1; the shards from 1 to completions.
        Assert.All(Enumerable.Range(0, completions), index =>
            Assert.NotNull(Core.Generation.Planning.Shard.Parse($"{index + 1}/{completions}")));
    }

    private static List<YamlMappingNode> Manifests()
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "kubernetes.md"));
        var yaml = YamlBlock().Match(markdown).Groups[1].Value;
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(document => (YamlMappingNode)document.RootNode).ToList();
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
