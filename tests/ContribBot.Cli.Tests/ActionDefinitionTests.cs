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

        Assert.Equal(["install.sh", "source-hash.sh", "build.sh", "preview.sh", "publish.sh", "command.sh", "verdict.sh"], scripts);
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
        var workflows = Directory.EnumerateFiles(Path.Combine(Root, ".github", "workflows"), "*.yml")
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "examples", "workflows"), "*.yml"));
        foreach (var workflow in workflows)
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(workflow)));
            foreach (var step in Steps(yaml.Documents[0].RootNode).Where(step => step.Children.TryGetValue(new YamlScalarNode("uses"), out var uses) && uses.ToString() is "./" or "OWNER/contribbot@v1"))
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
        var (origin, checkout, head) = PullRequestSeven();
        using var originDisposal = origin;
        using var checkoutDisposal = checkout;
        using var report = new TempDirectory();
        File.WriteAllText(Path.Combine(report.Path, "pr-number"), "7");
        var fake = EchoingContribbot(report.Path);

        var (code, output) = await BashAsync("action/publish.sh", ("INPUT_REPORT", report.Path), ("CONTRIBBOT", fake), ("INPUT_PATH", checkout.Root),
            ("INPUT_HEAD_SHA", head));

        Assert.Equal((0, $"pr --report {report.Path} --pr 7 --sha {head} --taxonomy {checkout.Root}"), (code, output.Trim()));
        using var fetched = new LibGit2Sharp.Repository(checkout.Root);
        Assert.Equal(head, fetched.Refs["refs/contribbot/pull/7/head"].TargetIdentifier);
        Assert.Equal("main", fetched.Head.FriendlyName); // nothing checked out
        Assert.False(File.Exists(Path.Combine(checkout.Root, "compositional_skills/math/geometry/qna.yaml")));
    }

    [Fact]
    public async Task The_comment_command_fetches_the_pull_requests_head_into_objects_only_and_runs_contribbot_command_there()
    {
        var (origin, checkout, head) = PullRequestSeven();
        using var originDisposal = origin;
        using var checkoutDisposal = checkout;
        using var bin = new TempDirectory();
        var fake = EchoingContribbot(bin.Path);

        var (code, output) = await BashAsync("action/command.sh", ("CONTRIBBOT", fake), ("INPUT_PATH", checkout.Root), ("PR_NUMBER", "7"), ("INPUT_REVIEW_BOXES", "true"));
        var (issueCode, issueOutput) = await BashAsync("action/command.sh", ("CONTRIBBOT", fake), ("INPUT_PATH", checkout.Root), ("PR_NUMBER", ""));
        var (forgedCode, _) = await BashAsync("action/command.sh", ("CONTRIBBOT", fake), ("INPUT_PATH", checkout.Root), ("PR_NUMBER", "7; rm -rf /"));

        Assert.Equal((0, $"command --taxonomy {checkout.Root} --out contribbot-report"), (code, output.Trim()));
        using var fetched = new LibGit2Sharp.Repository(checkout.Root);
        Assert.Equal(head, fetched.Refs["refs/contribbot/pull/7/head"].TargetIdentifier);
        Assert.Equal("main", fetched.Head.FriendlyName); // nothing checked out
        Assert.False(File.Exists(Path.Combine(checkout.Root, "compositional_skills/math/geometry/qna.yaml")));
        Assert.Equal(0, issueCode);
        Assert.Contains("Not a comment on a pull request", issueOutput, StringComparison.Ordinal);
        Assert.Equal(0, forgedCode); // not digits: treated as no pull request, nothing run
    }

    /// <summary>A repository whose pull request 7 adds a leaf (refs/pull/7/head), and a clone of its default branch, as a workflow checks it out.</summary>
    private static (TaxonomyRepoFixture Origin, TaxonomyRepoFixture Checkout, string Head) PullRequestSeven()
    {
        var origin = new TaxonomyRepoFixture();
        origin.WriteLeaf("compositional_skills/math/addition", SampleLeaves.FreeformSkill);
        origin.Commit("Initial taxonomy");
        origin.Branch("contribution");
        origin.WriteLeaf("compositional_skills/math/geometry", SampleLeaves.FreeformSkill);
        var head = origin.Commit("Add a leaf");
        origin.Checkout("main");
        using (var repository = new LibGit2Sharp.Repository(origin.Root)) repository.Refs.Add("refs/pull/7/head", head);
        return (origin, new TaxonomyRepoFixture(cloneOf: origin.Root), head);
    }

    /// <summary>A stand-in for the command that prints its arguments, in <paramref name="folder"/>.</summary>
    private static string EchoingContribbot(string folder)
    {
        var fake = Path.Combine(folder, "contribbot");
        File.WriteAllText(fake, "#!/usr/bin/env bash\necho \"$*\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return fake;
    }

    private static YamlNode Load(string path)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(path)));
        return yaml.Documents[0].RootNode;
    }

    private static HashSet<string> Inputs()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Root, "action.yml"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlMappingNode)root.Children[new YamlScalarNode("inputs")]).Children.Keys.Select(key => key.ToString()).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A release as GitHub serves it (file:// stands in for https: curl reads both), with a stand-in binary.</summary>
    private static (TempDirectory Server, (string, string)[] Environment) Release(string tag, bool correctChecksum)
    {
        var server = new TempDirectory();
        var download = Directory.CreateDirectory(Path.Combine(server.Path, "octo-org", "contribbot", "releases", "download", tag)).FullName;
        var staging = Directory.CreateDirectory(Path.Combine(server.Path, "staging")).FullName;
        File.WriteAllText(Path.Combine(staging, "contribbot"), "#!/usr/bin/env bash\necho \"contribbot 9.9.9\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(staging, "contribbot"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using (var tar = Process.Start("tar", ["-czf", Path.Combine(download, "contribbot-linux-x64.tar.gz"), "-C", staging, "contribbot"])) tar!.WaitForExit();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(download, "contribbot-linux-x64.tar.gz"))));
        File.WriteAllText(Path.Combine(download, "SHA256SUMS"), $"{(correctChecksum ? hash : new string('0', 64))}  contribbot-linux-x64.tar.gz\n");
        return (server, [("GITHUB_SERVER_URL", new Uri(server.Path).AbsoluteUri), ("ACTION_REPOSITORY", "octo-org/contribbot"), ("ACTION_REF", tag),
            ("RUNNER_OS", "Linux"), ("RUNNER_ARCH", "X64")]);
    }

    [Fact]
    public async Task The_action_installs_its_release_binary_after_checking_its_checksum()
    {
        var (server, environment) = Release("v1.2.3", correctChecksum: true);
        using var _ = server;
        using var output = new TempDirectory();

        var (code, text) = await BashAsync("action/install.sh", [output.Path], environment);

        Assert.Equal(0, code);
        Assert.Contains("installed=release", text, StringComparison.Ordinal);
        Assert.Contains("contribbot 9.9.9", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output.Path, "contribbot")));
    }

    [Fact]
    public async Task A_release_binary_whose_checksum_does_not_match_is_never_run()
    {
        var (server, environment) = Release("v1.2.3", correctChecksum: false);
        using var _ = server;
        using var output = new TempDirectory();

        var (code, text) = await BashAsync("action/install.sh", [output.Path], environment);

        Assert.Equal(1, code);
        Assert.Contains("does not match the release's SHA256SUMS", text, StringComparison.Ordinal);
        Assert.DoesNotContain("contribbot 9.9.9", text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output.Path, "contribbot")));
    }

    [Fact]
    public async Task A_ref_without_a_release_builds_from_source()
    {
        var (server, environment) = Release("v1.2.3", correctChecksum: true);
        using var _ = server;
        using var output = new TempDirectory();

        var (code, text) = await BashAsync("action/install.sh", [output.Path], [.. environment.Where(e => e.Item1 != "ACTION_REF"), ("ACTION_REF", "main")]);

        Assert.Equal(0, code);
        Assert.Contains("installed=none", text, StringComparison.Ordinal);
        Assert.Contains("building from source", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_action_pins_the_sdk_by_its_own_global_json_and_builds_only_without_a_release()
    {
        var action = File.ReadAllText(Path.Combine(Root, "action.yml"));

        Assert.Contains("global-json-file: ${{ github.action_path }}/global.json", action, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet-version:", action, StringComparison.Ordinal);
        Assert.Contains("if: steps.install.outputs.installed != 'release' && steps.cache.outputs.cache-hit != 'true'", action, StringComparison.Ordinal);
        Assert.Contains("-p:TreatWarningsAsErrors=false", File.ReadAllText(Path.Combine(Root, "action", "build.sh")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pre_commit_hooks_run_validate_on_the_changed_leaves_it_is_given()
    {
        var hooks = (YamlSequenceNode)Load(Path.Combine(Root, ".pre-commit-hooks.yaml"));
        using var taxonomy = new TaxonomyFixture();
        var good = taxonomy.WriteLeaf("compositional_skills/math/sums", SampleLeaves.FreeformSkill);
        var bad = taxonomy.WriteLeaf("compositional_skills/math/broken", SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: yes"));

        var entries = hooks.Children.Cast<YamlMappingNode>().Select(hook => hook.Children[new YamlScalarNode("entry")].ToString()).Distinct().ToList();
        // pre-commit appends the changed files to the entry, as here.
        var run = await CliRun.RunAsync([.. entries.Single().Split(' ').Skip(1), good, bad]);

        Assert.Equal(["contribbot validate"], entries);
        Assert.All(hooks.Children.Cast<YamlMappingNode>(), hook => Assert.Equal("(^|/)qna\\.yaml$", hook.Children[new YamlScalarNode("files")].ToString()));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error CB0203", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_code_scanning_example_uploads_the_sarif_that_validate_writes()
    {
        var workflow = File.ReadAllText(Path.Combine(Root, "examples", "workflows", "contribbot-code-scanning.yml"));
        var steps = Steps(Load(Path.Combine(Root, "examples", "workflows", "contribbot-code-scanning.yml"))).ToList();

        Assert.Contains("--format sarif --output contribbot.sarif", workflow, StringComparison.Ordinal);
        Assert.Contains(steps, step => step.Children.TryGetValue(new YamlScalarNode("uses"), out var uses) && uses.ToString().StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal));
        Assert.Contains("security-events: write", workflow, StringComparison.Ordinal);
    }

    private static IEnumerable<YamlMappingNode> Steps(YamlNode root) =>
        ((YamlMappingNode)((YamlMappingNode)root).Children[new YamlScalarNode("jobs")]).Children.Values
        .OfType<YamlMappingNode>()
        .SelectMany(job => job.Children.TryGetValue(new YamlScalarNode("steps"), out var steps) ? ((YamlSequenceNode)steps).Children.OfType<YamlMappingNode>() : []);

    private static Task<(int Code, string Output)> BashAsync(string script, params (string Name, string Value)[] environment) =>
        BashAsync(script, [], environment);

    private static async Task<(int Code, string Output)> BashAsync(string script, string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Root, script), .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    [GeneratedRegex(@"\$GITHUB_ACTION_PATH/action/([a-z-]+\.sh)")]
    private static partial Regex Script();
}
