using ContribBot.Testing;
using YamlDotNet.RepresentationModel;

namespace ContribBot.Cli.Tests;

/// <summary>The dataset-build workflow for taxonomy repositories: triggers, least privilege, a plan, a matrix of shards, a merge.</summary>
public sealed class BuildWorkflowTests
{
    private static readonly YamlMappingNode Workflow = Load();

    [Fact]
    public void It_runs_on_pushes_to_the_default_branch_and_by_hand_with_a_shard_count()
    {
        var on = Map(Workflow, "on");
        Assert.Equal("main", Text(((YamlSequenceNode)Map(on, "push")["branches"])[0]));
        Assert.Contains("shards", Map(Map(on, "workflow_dispatch"), "inputs").Children.Keys.Select(Text));
    }

    [Fact]
    public void Builds_queue_one_at_a_time_and_are_never_cancelled_half_way()
    {
        var concurrency = Map(Workflow, "concurrency");
        Assert.Equal("false", Text(concurrency["cancel-in-progress"]));
        Assert.Contains("github.ref", Text(concurrency["group"]), StringComparison.Ordinal);
    }

    [Fact]
    public void It_can_read_the_repository_and_its_pull_requests_and_call_github_models_and_nothing_more()
    {
        var permissions = Map(Workflow, "permissions").Children.ToDictionary(pair => Text(pair.Key), pair => Text(pair.Value));

        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read", ["models"] = "read", ["pull-requests"] = "read" }, permissions);
        Assert.All(Map(Workflow, "jobs").Children.Values.Cast<YamlMappingNode>(), job => Assert.False(job.Children.ContainsKey("permissions")));
    }

    [Fact]
    public void A_plan_sizes_the_matrix_each_shard_builds_its_part_and_merge_joins_them()
    {
        var jobs = Map(Workflow, "jobs");
        var build = Map(jobs, "build");
        var merge = Map(jobs, "merge");

        Assert.Equal("plan", Text(build["needs"]));
        Assert.Contains("needs.plan.outputs.matrix", Text(Map(Map(build, "strategy"), "matrix")["shard"]), StringComparison.Ordinal);
        Assert.Equal("false", Text(Map(build, "strategy")["fail-fast"]));
        Assert.Contains(Runs(build), run => run.Contains("build \"$TAXONOMY_PATH\"", StringComparison.Ordinal) && run.Contains("--shard", StringComparison.Ordinal));
        Assert.Equal(["plan", "build"], ((YamlSequenceNode)merge["needs"]).Select(Text));
        Assert.Contains(Runs(merge), run => run.Contains(" merge shards/shard-* --out dataset --taxonomy \"$TAXONOMY_PATH\"", StringComparison.Ordinal) &&
                                               run.Contains("--near-duplicate-index ~/.cache/contribbot-index/near-duplicates.index", StringComparison.Ordinal));
        Assert.Contains(Runs(Map(jobs, "plan")), run => run.Contains("--dry-run", StringComparison.Ordinal) && run.Contains("planned_calls=", StringComparison.Ordinal));
    }

    [Fact]
    public void The_plan_collects_the_reviews_once_and_every_shard_builds_with_that_file()
    {
        var jobs = Map(Workflow, "jobs");
        var plan = Steps(Map(jobs, "plan"));
        var build = Steps(Map(jobs, "build"));

        Assert.Contains(Runs(Map(jobs, "plan")), run => run.Contains(" reviews collect --out reviews.jsonl", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Children.ContainsKey("uses") && Text(step["uses"]).StartsWith("actions/upload-artifact", StringComparison.Ordinal) &&
                                      Text(Map(step, "with")["name"]) == "reviews");
        Assert.Contains(build, step => step.Children.ContainsKey("uses") && Text(step["uses"]).StartsWith("actions/download-artifact", StringComparison.Ordinal) &&
                                       Text(Map(step, "with")["name"]) == "reviews");
        Assert.Contains(Runs(Map(jobs, "build")), run => run.Contains("--reviews reviews.jsonl", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_shard_saves_its_cache_even_when_it_failed()
    {
        var save = Steps(Map(Map(Workflow, "jobs"), "build")).Single(step => step.Children.ContainsKey("uses") && Text(step["uses"]).StartsWith("actions/cache/save", StringComparison.Ordinal));

        Assert.Equal("always()", Text(save["if"]));
        Assert.Equal("~/.cache/contribbot", Text(Map(save, "with")["path"]));
    }

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".github", "workflows", "contribbot-build.yml"))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) => ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>();

    private static IEnumerable<string> Runs(YamlMappingNode job) => Steps(job).Where(step => step.Children.ContainsKey("run")).Select(step => Text(step["run"]));
}
