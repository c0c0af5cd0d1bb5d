using ContribBot.Testing;

namespace ContribBot.Cli.Tests;

public sealed class PullRequestModeTests : IDisposable
{
    private readonly TaxonomyRepoFixture _repo = new();

    public PullRequestModeTests()
    {
        _repo.WriteLeaf("compositional_skills/math/addition", SampleLeaves.FreeformSkill);
        _repo.WriteLeaf("compositional_skills/math/broken_before", SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: yes"));
        _repo.Commit("Initial taxonomy");
        _repo.Branch("pr");
    }

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task A_repository_owned_by_another_user_is_a_usage_error_that_says_how_to_mark_it_safe()
    {
        // As in a container job: the checkout belongs to one user, the job runs as another (these tests run as root).
        using (var chown = System.Diagnostics.Process.Start("chown", ["-R", "65534:65534", _repo.Root])) await chown!.WaitForExitAsync();

        var run = await CliRun.RunAsync("validate", _repo.Root, "--base", "main", "--head", "pr");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"git config --global --add safe.directory {_repo.Root}", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("This is a bug", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Base_and_head_check_only_the_changed_leaves()
    {
        _repo.WriteLeaf("compositional_skills/math/new_leaf", SampleLeaves.FreeformSkill.TrimEnd('\n'));
        _repo.Commit("Add a leaf");

        var run = await CliRun.RunAsync("validate", _repo.Root, "--base", "main", "--head", "pr");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("new_leaf/qna.yaml(14,16): error CB0303", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("broken_before", run.Stdout, StringComparison.Ordinal); // unchanged, so not checked
        Assert.Contains("Checking changes between 'main' (merge base ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pull_request_of_several_commits_with_a_merge_dated_before_its_parents_validates_and_previews()
    {
        var (first, _) = PullRequestHistories.SimilarLeavesThenSkewedMerge(_repo);
        using var output = new TempDirectory();

        var validate = await CliRun.RunAsync("validate", _repo.Root, "--base", "main", "--head", "pr", "-f", "json");
        var preview = await CliRun.RunAsync("preview", _repo.Root, "--base", "main", "--head", "pr", "--dry-run", "--out", output.Path);

        Assert.Equal((0, ""), (validate.ExitCode, validate.Stderr.Contains("This is a bug", StringComparison.Ordinal) ? validate.Stderr : ""));
        Assert.Contains($"\"lastCommit\": \"{first}\"", validate.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, preview.ExitCode);
        Assert.Contains("multiplication", File.ReadAllText(Path.Combine(output.Path, "report.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Machine_formats_give_repository_relative_paths_from_any_current_directory_and_text_stays_relative_to_it()
    {
        // The test runs in its bin folder, far from the repository in a temp folder.
        Assert.False(Environment.CurrentDirectory.StartsWith(_repo.Root, StringComparison.Ordinal));

        var json = await CliRun.RunAsync("validate", Path.Combine(_repo.Root, "compositional_skills"), "-f", "json");
        var github = await CliRun.RunAsync("validate", _repo.Root, "-f", "github");
        var text = await CliRun.RunAsync("validate", _repo.Root);

        Assert.Contains("\"file\": \"compositional_skills/math/broken_before/qna.yaml\"", json.Stdout, StringComparison.Ordinal);
        Assert.Contains("::error file=compositional_skills/math/broken_before/qna.yaml,line=6,col=13", github.Stdout, StringComparison.Ordinal);
        var fromHere = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(_repo.Root, "compositional_skills/math/broken_before/qna.yaml"));
        Assert.Contains(fromHere + "(6,13): error CB0203", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_links_come_from_CONTRIBBOT_DOCS_URL_and_are_left_out_without_it()
    {
        var docs = new Dictionary<string, string> { ["CONTRIBBOT_DOCS_URL"] = "https://github.com/octo-org/contribbot/blob/v1/docs/diagnostics.md" };

        var without = await CliRun.RunAsync("validate", _repo.Root, "-f", "json");
        var with = await CliRun.RunWithEnvironmentAsync(docs, "validate", _repo.Root, "-f", "json");
        var wrong = await CliRun.RunWithEnvironmentAsync(new Dictionary<string, string> { ["CONTRIBBOT_DOCS_URL"] = "docs/diagnostics.md" }, "validate", _repo.Root);

        Assert.Contains("\"helpUri\": null", without.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"helpUri\": \"https://github.com/octo-org/contribbot/blob/v1/docs/diagnostics.md#cb0203\"", with.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("CONTRIBBOT_DOCS_URL is 'docs/diagnostics.md', not an http(s) address", wrong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_knowledge_contribution_has_its_document_checked_when_local_repositories_are_allowed()
    {
        using var documents = new TaxonomyRepoFixture();
        documents.WriteFile("moon/moon_phases.md", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples/documents/moon/moon_phases.md")));
        var commit = documents.Commit("Document");
        var leaf = File.ReadAllText(Path.Combine(RepositoryPaths.ExampleTaxonomy, "knowledge/science/astronomy/moon_phases/qna.yaml"))
            .Replace("repo: ../document-repo", $"repo: {documents.Root}")
            .Replace("5974ca271902332b633b1d86dc05408245d6d4c7", commit);
        _repo.WriteLeaf("knowledge/science/astronomy/moon_phases", leaf);
        _repo.Commit("Add the moon");
        using var cache = new TempDirectory();
        var environment = new Dictionary<string, string> { ["CONTRIBBOT_CACHE_DIR"] = cache.Path };

        var refused = await CliRun.RunWithEnvironmentAsync(environment, "validate", _repo.Root, "--base", "main", "--head", "pr");
        var allowed = await CliRun.RunWithEnvironmentAsync(environment, "validate", _repo.Root, "--base", "main", "--head", "pr", "--allow-local-repos", "-f", "json");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("error CB0601: `repo` is", refused.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, allowed.ExitCode);
        Assert.Contains("\"warnings\": 0", allowed.Stdout, StringComparison.Ordinal); // every seed context is found in the document
        Assert.Contains("\"path\": \"moon/moon_phases.md\"", allowed.Stdout, StringComparison.Ordinal);
        // The document was fetched into the cache the given environment names, not the user's own.
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(Path.Combine(cache.Path, "documents")));
    }

    [Fact]
    public async Task An_unreachable_document_host_warns_and_fails_the_run_only_when_documents_are_required()
    {
        // Port 1 on loopback refuses at once: the network is "down" without touching any network.
        var leaf = File.ReadAllText(Path.Combine(RepositoryPaths.ExampleTaxonomy, "knowledge/science/astronomy/moon_phases/qna.yaml"))
            .Replace("repo: ../document-repo", "repo: https://127.0.0.1:1/moon-docs.git");
        _repo.WriteLeaf("knowledge/science/astronomy/moon_phases", leaf);
        _repo.Commit("Add the moon");
        using var cache = new TempDirectory();
        var environment = new Dictionary<string, string> { ["CONTRIBBOT_CACHE_DIR"] = cache.Path };
        string[] validate = ["validate", _repo.Root, "--base", "main", "--head", "pr", "--allow-local-repos"];

        var warned = await CliRun.RunWithEnvironmentAsync(environment, validate);
        var required = await CliRun.RunWithEnvironmentAsync(environment, [.. validate, "--require-documents"]);

        Assert.Equal(0, warned.ExitCode);
        Assert.Contains("warning CB0616: cannot reach the host of https://127.0.0.1:1/moon-docs.git", warned.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, required.ExitCode);
        Assert.Contains("--require-documents", required.Stderr, StringComparison.Ordinal);
        Assert.Contains("cannot reach the host of https://127.0.0.1:1/moon-docs.git", required.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_mirror_on_the_command_line_serves_a_public_url_without_network()
    {
        using var documents = new TaxonomyRepoFixture();
        documents.WriteFile("moon/moon_phases.md", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples/documents/moon/moon_phases.md")));
        var commit = documents.Commit("Document");
        var leaf = File.ReadAllText(Path.Combine(RepositoryPaths.ExampleTaxonomy, "knowledge/science/astronomy/moon_phases/qna.yaml"))
            .Replace("repo: ../document-repo", "repo: https://github.com/example/moon-docs")
            .Replace("5974ca271902332b633b1d86dc05408245d6d4c7", commit);
        _repo.WriteLeaf("knowledge/science/astronomy/moon_phases", leaf);
        _repo.Commit("Add the moon");
        using var cache = new TempDirectory();
        var environment = new Dictionary<string, string> { ["CONTRIBBOT_CACHE_DIR"] = cache.Path };

        var run = await CliRun.RunWithEnvironmentAsync(environment, "validate", _repo.Root, "--base", "main", "--head", "pr",
            "--document-mirror", $"https://github.com/example/moon-docs.git={documents.Root}");
        var malformed = await CliRun.RunAsync("validate", _repo.Root, "--document-mirror", "https://github.com/example/moon-docs");

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("0 error(s), 0 warning(s)\n", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("is not URL=PATH", malformed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dry_run_report_of_a_500_leaf_pull_request_fits_a_comment_and_its_totals_cover_every_leaf()
    {
        for (var i = 0; i < 500; i++)
        {
            _repo.WriteLeaf($"compositional_skills/STEM/generated/topic_{i:000}", SampleLeaves.FreeformSkill
                .Replace("created_by: octocat", "created_by: IBM Research").Replace("2 + 2", $"{i} + 2"));
        }

        _repo.Commit("Add 500 leaves");
        using var output = new TempDirectory();

        var run = await CliRun.RunAsync("preview", _repo.Root, "--base", "main", "--head", "pr", "--out", output.Path);

        Assert.Equal(0, run.ExitCode);
        var markdown = File.ReadAllText(Path.Combine(output.Path, "report.md"));
        Assert.True(markdown.Length <= 60_000, $"{markdown.Length:N0} characters");
        Assert.Contains("**475 leaf(s) not previewed**: over the preview limit of 25 leaves", markdown, StringComparison.Ordinal);
        Assert.Contains("**Full build of the 500 leaf(s) that pass validation**", markdown, StringComparison.Ordinal);
        Assert.Contains("assuming every sample is kept", markdown, StringComparison.Ordinal);
        // Each leaf has two findings the maintainer sees once each: the organisation as created_by, the new STEM folder.
        Assert.Contains("<summary>⚠️ 1,000 warning(s) (2 distinct)</summary>", markdown, StringComparison.Ordinal);
        Assert.Contains("| CB0501 | **500×** ", markdown, StringComparison.Ordinal);
        Assert.Contains("| CB0509 | **500×** ", markdown, StringComparison.Ordinal);
        Assert.Equal(25, markdown.Split('\n').Count(line => line.StartsWith("| `compositional_skills/STEM/generated/topic_", StringComparison.Ordinal)));
        // The plan in report.json covers all 500 for the full build, and the 25 previewed ones for the preview.
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Path, "report.json")));
        var leaves = json.RootElement.GetProperty("leaves").EnumerateArray().ToList();
        Assert.Equal(500, leaves.Count(leaf => leaf.GetProperty("fullBuildSamples").GetInt32() > 0));
        Assert.Equal(25, leaves.Count(leaf => leaf.GetProperty("previewTokens").GetInt64() > 0));
    }

    [Fact]
    public async Task No_changed_leaves_pass()
    {
        var run = await CliRun.RunAsync("validate", _repo.Root, "--base", "main");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0 file(s) checked (0 leaves)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_ref_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("validate", _repo.Root, "--base", "nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown git ref 'nope'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_request_mode_takes_one_folder()
    {
        var run = await CliRun.RunAsync("validate", _repo.Root, _repo.Root, "--base", "main");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("takes one taxonomy folder", run.Stderr, StringComparison.Ordinal);
    }
}
