using System.Diagnostics;
using System.Text.RegularExpressions;
using ContribBot.Testing;
using YamlDotNet.RepresentationModel;

namespace ContribBot.Cli.Tests;

/// <summary>action.yml, its scripts and the workflows that use it agree with each other.</summary>
public sealed partial class ActionDefinitionTests
{
    private static readonly string Root = RepositoryPaths.Root;

    [Fact]
    public void Every_script_the_action_runs_exists_and_is_executable()
    {
        var action = File.ReadAllText(Path.Combine(Root, "action.yml"));

        var scripts = Script().Matches(action).Select(match => match.Groups[1].Value).Distinct().ToList();

        Assert.Equal(["source-hash.sh", "build.sh", "preview.sh", "publish.sh", "verdict.sh"], scripts);
        Assert.All(scripts, script =>
        {
            var path = Path.Combine(Root, "action", script);
            Assert.True(File.Exists(path), path);
            if (!OperatingSystem.IsWindows()) Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"{path} is not executable");
        });
    }

    [Fact]
    public void The_workflows_pass_only_inputs_the_action_declares()
    {
        var declared = Inputs();
        foreach (var workflow in Directory.EnumerateFiles(Path.Combine(Root, ".github", "workflows"), "*.yml"))
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(workflow)));
            foreach (var step in Steps(yaml.Documents[0].RootNode).Where(step => step.Children.TryGetValue(new YamlScalarNode("uses"), out var uses) && uses.ToString() == "./"))
            {
                var with = (YamlMappingNode)step.Children[new YamlScalarNode("with")];
                Assert.All(with.Children.Keys.Select(key => key.ToString()), key => Assert.Contains(key, declared));
            }
        }
    }

    [Theory]
    [InlineData("error", "0", "3", 0)]
    [InlineData("error", "1", "0", 1)]
    [InlineData("warning", "0", "3", 1)]
    [InlineData("never", "5", "5", 0)]
    [InlineData("sometimes", "0", "0", 2)]
    public async Task The_verdict_step_fails_as_fail_on_says(string failOn, string errors, string warnings, int expected)
    {
        var (code, _) = await BashAsync("action/verdict.sh", ("FAIL_ON", failOn), ("ERRORS", errors), ("WARNINGS", warnings));

        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("12; rm -rf /")]
    [InlineData("")]
    [InlineData("-1")]
    public async Task Publishing_refuses_a_pull_request_number_that_is_not_digits(string number)
    {
        using var report = new TempDirectory();
        File.WriteAllText(Path.Combine(report.Path, "pr-number"), number);

        var (code, output) = await BashAsync("action/publish.sh", ("INPUT_REPORT", report.Path), ("CONTRIBBOT", "/bin/false"));

        Assert.Equal(2, code);
        Assert.Contains("No valid pull request number", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("octo-org/contribbot", "v1", "docs=https://github.com/octo-org/contribbot/blob/v1/docs/diagnostics.md")]
    [InlineData("", "", "docs=")] // a local action (uses: ./) has no repository of its own: no links
    [InlineData("octo-org/contribbot", "v1; rm -rf /", "docs=")]
    public async Task The_action_links_reports_to_the_docs_of_its_own_repository_and_ref(string repository, string reference, string expected)
    {
        using var report = new TempDirectory();
        File.WriteAllText(Path.Combine(report.Path, "pr-number"), "7");
        var fake = Path.Combine(report.Path, "contribbot");
        File.WriteAllText(fake, "#!/usr/bin/env bash\necho \"docs=${CONTRIBBOT_DOCS_URL:-}\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var (code, output) = await BashAsync("action/publish.sh", ("INPUT_REPORT", report.Path), ("CONTRIBBOT", fake),
            ("ACTION_REPOSITORY", repository), ("ACTION_REF", reference), ("GITHUB_ACTION_REPOSITORY", ""), ("GITHUB_ACTION_REF", ""),
            ("GITHUB_SERVER_URL", "https://github.com"), ("CONTRIBBOT_DOCS_URL", ""), ("INPUT_VERIFY", "false"));

        Assert.Equal((0, expected), (code, output.Trim()));
    }

    [Fact]
    public async Task Publishing_fetches_the_pull_requests_head_into_objects_only_and_has_contribbot_compute_the_verdict_there()
    {
        using var origin = new TaxonomyRepoFixture();
        origin.WriteLeaf("compositional_skills/math/addition", SampleLeaves.FreeformSkill);
        origin.Commit("Initial taxonomy");
        origin.Branch("contribution");
        origin.WriteLeaf("compositional_skills/math/geometry", SampleLeaves.FreeformSkill);
        var head = origin.Commit("Add a leaf");
        origin.Checkout("main");
        using (var repository = new LibGit2Sharp.Repository(origin.Root)) repository.Refs.Add("refs/pull/7/head", head);
        using var checkout = new TaxonomyRepoFixture(cloneOf: origin.Root);
        using var report = new TempDirectory();
        File.WriteAllText(Path.Combine(report.Path, "pr-number"), "7");
        var fake = Path.Combine(report.Path, "contribbot");
        File.WriteAllText(fake, "#!/usr/bin/env bash\necho \"$*\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var (code, output) = await BashAsync("action/publish.sh", ("INPUT_REPORT", report.Path), ("CONTRIBBOT", fake), ("INPUT_PATH", checkout.Root),
            ("INPUT_HEAD_SHA", head));

        Assert.Equal((0, $"pr --report {report.Path} --pr 7 --sha {head} --taxonomy {checkout.Root}"), (code, output.Trim()));
        using var fetched = new LibGit2Sharp.Repository(checkout.Root);
        Assert.Equal(head, fetched.Refs["refs/contribbot/pull/7/head"].TargetIdentifier);
        Assert.Equal("main", fetched.Head.FriendlyName); // nothing checked out
        Assert.False(File.Exists(Path.Combine(checkout.Root, "compositional_skills/math/geometry/qna.yaml")));
    }

    private static HashSet<string> Inputs()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Root, "action.yml"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlMappingNode)root.Children[new YamlScalarNode("inputs")]).Children.Keys.Select(key => key.ToString()).ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<YamlMappingNode> Steps(YamlNode root) =>
        ((YamlMappingNode)((YamlMappingNode)root).Children[new YamlScalarNode("jobs")]).Children.Values
        .OfType<YamlMappingNode>()
        .SelectMany(job => job.Children.TryGetValue(new YamlScalarNode("steps"), out var steps) ? ((YamlSequenceNode)steps).Children.OfType<YamlMappingNode>() : []);

    private static async Task<(int Code, string Output)> BashAsync(string script, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash", Path.Combine(Root, script)) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    [GeneratedRegex(@"\$GITHUB_ACTION_PATH/action/([a-z-]+\.sh)")]
    private static partial Regex Script();
}
