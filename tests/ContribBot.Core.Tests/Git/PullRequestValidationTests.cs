using ContribBot.Core.Diagnostics;
using ContribBot.Core.Documents;
using ContribBot.Core.Git;
using ContribBot.Core.Taxonomy.Sources;
using ContribBot.Core.Validation;
using ContribBot.Core.Validation.Schema;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Git;

/// <summary>Pull-request mode on real repositories made in temp folders.</summary>
public sealed class PullRequestValidationTests : IDisposable
{
    private readonly TaxonomyRepoFixture _repo = new();
    private readonly TempDirectory _cache = new();

    public PullRequestValidationTests()
    {
        _repo.WriteLeaf("compositional_skills/math/addition", SampleLeaves.FreeformSkill);
        _repo.WriteLeaf("compositional_skills/math/subtraction", SampleLeaves.FreeformSkill.Replace("2 + 2", "2 - 2"));
        _repo.WriteLeaf("knowledge/science/moon", SampleLeaves.Knowledge);
        _repo.WriteFile("README.md", "# taxonomy\n");
        _repo.Commit("Initial taxonomy");
        _repo.Branch("pr");
    }

    public void Dispose()
    {
        _repo.Dispose();
        _cache.Dispose();
    }

    private async Task<ValidationReport> ValidateAsync(
        string? baseRef = "main", string? headRef = "pr", string? root = null, DocumentOptions? documentOptions = null,
        ValidationOptions? options = null)
    {
        var changes = GitChanges.Find(root ?? _repo.Root, baseRef, headRef);
        using ILeafSource source = changes.HeadSha is { } head
            ? new CommitLeafSource(changes.RepositoryRoot, head)
            : new WorkingTreeLeafSource(changes.RepositoryRoot);
        var schemas = await SchemaSet.LoadAsync(CancellationToken.None);
        // The sample knowledge leaf points at an https URL; offline, its document checks are skipped (CB0609).
        var documents = documentOptions ?? DocumentOptions.Default with { CacheDirectory = _cache.Path, Offline = true };
        return await new ChangedLeavesValidator(schemas, options ?? ValidationOptions.Default, new GitDocumentResolver(documents))
            .ValidateAsync(root ?? _repo.Root, changes, source, CancellationToken.None);
    }

    private static IReadOnlyList<string> Lines(ValidationReport report) =>
        report.Files.Select(f => $"{f.File.RelativePath}: {string.Join(" ", f.Diagnostics.Codes())}".TrimEnd()).ToList();

    [Fact]
    public async Task Only_added_and_modified_leaves_are_checked_from_the_head_commit()
    {
        _repo.WriteLeaf("compositional_skills/math/multiplication", SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: yes"));
        _repo.WriteFile("compositional_skills/math/subtraction/qna.yaml", SampleLeaves.FreeformSkill.Replace("octocat", "hubot"));
        _repo.WriteFile("README.md", "# changed, but not a leaf\n");
        var head = _repo.Commit("Add multiplication, change subtraction");
        _repo.WriteLeaf("compositional_skills/math/division", "not: [valid\n"); // uncommitted: not part of 'pr'

        var report = await ValidateAsync();

        Assert.Equal(["compositional_skills/math/multiplication/qna.yaml: CB0203@6:13", "compositional_skills/math/subtraction/qna.yaml:"], Lines(report));
        Assert.Equal(head, report.Files[1].Leaf!.LastCommit);
        Assert.Equal(_repo.BlobIdAt(head, "compositional_skills/math/subtraction/qna.yaml"), report.Files[1].Leaf!.BlobId);
    }

    [Fact]
    public async Task Leaves_are_read_from_git_objects_not_from_the_checkout()
    {
        _repo.WriteLeaf("compositional_skills/math/multiplication", SampleLeaves.FreeformSkill);
        _repo.Commit("Add multiplication");
        _repo.Checkout("main"); // the working tree no longer has the file

        var report = await ValidateAsync();

        Assert.Equal(["compositional_skills/math/multiplication/qna.yaml:"], Lines(report));
    }

    [Fact]
    public async Task A_renamed_leaf_is_checked_at_its_new_path_and_a_deleted_one_is_listed()
    {
        _repo.Move("compositional_skills/math/addition/qna.yaml", "compositional_skills/arithmetic/addition/qna.yaml");
        _repo.Move("compositional_skills/math/addition/attribution.txt", "compositional_skills/arithmetic/addition/attribution.txt");
        _repo.Delete("knowledge/science/moon/qna.yaml");
        _repo.Delete("knowledge/science/moon/attribution.txt");
        _repo.Commit("Move addition, drop the moon");

        var report = await ValidateAsync();

        Assert.Equal(["compositional_skills/arithmetic/addition/qna.yaml:", "knowledge/science/moon/qna.yaml: CB0407@1:1"], Lines(report));
        Assert.Equal(Severity.Info, report.Files[1].Diagnostics[0].Severity);
        Assert.False(report.HasErrors);
    }

    [Fact]
    public async Task A_changed_leaf_must_use_the_newest_version_and_a_misnamed_file_is_an_error()
    {
        _repo.WriteFile("compositional_skills/math/addition/qna.yaml", "created_by: someone\ntask_description: t\nseed_examples:\n  - question: q?\n    answer: a\n");
        _repo.WriteFile("compositional_skills/math/extra/qna.yml", SampleLeaves.FreeformSkill);
        _repo.Commit("Old format and a misnamed file");

        var report = await ValidateAsync();

        Assert.Equal(["compositional_skills/math/addition/qna.yaml: CB0406@1:1", "compositional_skills/math/extra/qna.yml: CB0113@1:1"], Lines(report));
        Assert.All(report.Diagnostics, d => Assert.Equal(Severity.Error, d.Severity));
        var newest = report.Diagnostics.First(d => d.Id == "CB0406");
        Assert.EndsWith("it has no `version` key, which means version 1", newest.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("example taxonomy", newest.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_leaf_that_declares_an_old_version_is_told_the_version_it_declares()
    {
        _repo.WriteFile("compositional_skills/math/addition/qna.yaml", SampleLeaves.FreeformSkill.Replace("version: 3", "version: 2", StringComparison.Ordinal));
        _repo.Commit("Version 2");

        var report = await ValidateAsync();

        Assert.EndsWith("it declares version 2", Assert.Single(report.Diagnostics, d => d.Id == "CB0406").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_attribution_file_rechecks_its_leaf()
    {
        _repo.WriteFile("compositional_skills/math/addition/attribution.txt", "   \n");
        _repo.Commit("Blank the attribution");

        var report = await ValidateAsync();

        Assert.Equal(["compositional_skills/math/addition/qna.yaml: CB0405@1:1"], Lines(report));
    }

    [Fact]
    public async Task Without_a_head_the_working_tree_counts_including_untracked_files()
    {
        _repo.WriteFile("compositional_skills/math/addition/qna.yaml", SampleLeaves.FreeformSkill.TrimEnd('\n'));
        _repo.WriteLeaf("compositional_skills/math/untracked", SampleLeaves.FreeformSkill.Replace("octocat", "not a login"));

        var report = await ValidateAsync(headRef: null);

        Assert.Equal(["compositional_skills/math/addition/qna.yaml: CB0303@14:16", "compositional_skills/math/untracked/qna.yaml: CB0501@2:13"], Lines(report));
        Assert.Null(report.Files[0].Leaf!.LastCommit); // the change is not committed
    }

    [Fact]
    public async Task Merges_on_the_base_branch_do_not_count_as_changes_of_the_pull_request()
    {
        _repo.Checkout("main");
        _repo.Branch("other");
        _repo.WriteLeaf("compositional_skills/math/other", SampleLeaves.FreeformSkill);
        _repo.Commit("Other work");
        _repo.Checkout("main");
        _repo.Merge("other");
        _repo.Checkout("pr");
        _repo.WriteLeaf("compositional_skills/math/mine", SampleLeaves.FreeformSkill);
        _repo.Commit("My work");

        var report = await ValidateAsync();

        Assert.Equal(["compositional_skills/math/mine/qna.yaml:"], Lines(report));
    }

    [Fact]
    public async Task A_branch_of_a_fork_is_compared_once_fetched()
    {
        using var fork = new TaxonomyRepoFixture(cloneOf: _repo.Root);
        fork.Branch("feature");
        fork.WriteLeaf("knowledge/science/sun", SampleLeaves.Knowledge.Replace("domain: astronomy", "domain: solar physics"));
        fork.Commit("Add the sun");
        _repo.FetchFrom("fork", fork.Root);

        var report = await ValidateAsync(headRef: "fork/feature");

        Assert.Equal(["knowledge/science/sun/qna.yaml: CB0609@48:11"], Lines(report));
    }

    [Fact]
    public async Task A_taxonomy_in_a_subfolder_of_the_repository_sees_only_its_own_changes()
    {
        _repo.WriteLeaf("taxonomy/compositional_skills/math/addition", SampleLeaves.FreeformSkill.TrimEnd('\n'));
        _repo.WriteLeaf("compositional_skills/math/outside", SampleLeaves.FreeformSkill.TrimEnd('\n'));
        _repo.Commit("Two trees");

        var report = await ValidateAsync(root: Path.Combine(_repo.Root, "taxonomy"));

        Assert.Equal(["compositional_skills/math/addition/qna.yaml: CB0303@14:16"], Lines(report));
    }

    [Fact]
    public async Task A_changed_knowledge_leaf_has_its_document_resolved_and_checked()
    {
        using var documents = new TaxonomyRepoFixture();
        // The document holds the contexts of seed examples 1 to 4 of the sample leaf, not that of seed example 5.
        documents.WriteFile("moon.md", "# The Moon\n\nThe Moon does not make its own light. A synodic month lasts about 29.5 days.\n" +
            "At full moon Earth is between the Sun and the Moon.\n\n## Eclipses\n\nA solar eclipse happens only at new moon.\n");
        var commit = documents.Commit("Document");
        var leaf = SampleLeaves.Knowledge
            .Replace("https://github.com/example/moon-docs", documents.Root)
            .Replace("5974ca271902332b633b1d86dc05408245d6d4c7", commit);
        _repo.WriteLeaf("knowledge/science/moon", leaf);
        _repo.WriteLeaf("knowledge/science/moon_typo", leaf.Replace("\"*.md\"", "\"*.markdown\""));
        _repo.Commit("Point the moon at its document");
        var options = DocumentOptions.Default with { CacheDirectory = _cache.Path, AllowLocalRepos = true };

        var report = await ValidateAsync(documentOptions: options);

        Assert.Equal(["knowledge/science/moon/qna.yaml: CB0610@38:14", "knowledge/science/moon_typo/qna.yaml: CB0605@50:7"], Lines(report));
        Assert.Equal("the context of seed example 5 is not found in the document (only 0% of its phrases appear there)", report.Files[0].Diagnostics[0].Message);
        var document = Assert.Single(report.Files[0].Leaf!.Documents);
        Assert.Equal(("moon.md", commit, documents.BlobIdAt(commit, "moon.md")), (document.Path, document.Commit, document.BlobId));
    }

    [Fact]
    public void Unknown_refs_name_what_was_tried_and_how_to_fetch()
    {
        var exception = Assert.Throws<GitInputException>(() => GitChanges.Find(_repo.Root, "release", "pr"));

        Assert.Contains("Unknown git ref 'release'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("git fetch origin release", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_base_defaults_to_origin_main_then_main()
    {
        Assert.Equal("main", GitChanges.Find(_repo.Root, null, "pr").BaseRef);

        using var clone = new TaxonomyRepoFixture(cloneOf: _repo.Root);
        Assert.Equal("origin/main", GitChanges.Find(clone.Root, null, null).BaseRef);
    }

    [Fact]
    public void A_folder_outside_any_repository_is_a_usage_error()
    {
        using var plain = new TempDirectory();

        var exception = Assert.Throws<GitInputException>(() => GitChanges.Find(plain.Path, "main", null));

        Assert.Contains("is not inside a git repository", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shallow_clone_without_the_merge_base_says_which_fetch_fixes_it()
    {
        _repo.WriteLeaf("compositional_skills/math/mine", SampleLeaves.FreeformSkill);
        var mine = _repo.Commit("My work");
        _repo.Checkout("main");
        _repo.WriteLeaf("compositional_skills/math/theirs", SampleLeaves.FreeformSkill);
        _repo.Commit("Their work");
        _repo.MakeShallowAt(mine);

        var exception = Assert.Throws<GitInputException>(() => GitChanges.Find(_repo.Root, "main", "pr"));

        Assert.Contains("git fetch --unshallow", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pull_request_of_several_commits_adding_similar_leaves_is_checked_and_each_leaf_names_its_last_commit()
    {
        _repo.WriteLeaf("compositional_skills/math/multiplication", SampleLeaves.FreeformSkill.Replace("octocat", "hubot"));
        var first = _repo.Commit("Add multiplication");
        _repo.WriteLeaf("compositional_skills/math/division", SampleLeaves.FreeformSkill.Replace("octocat", "monalisa"));
        var second = _repo.Commit("Add a similar leaf: division");

        var report = await ValidateAsync();

        Assert.Equal(["compositional_skills/math/division/qna.yaml:", "compositional_skills/math/multiplication/qna.yaml:"], Lines(report));
        Assert.Equal(second, report.Files[0].Leaf!.LastCommit);
        Assert.Equal(first, report.Files[1].Leaf!.LastCommit);
    }

    [Fact]
    public async Task Edits_renames_identical_copies_and_merges_from_the_base_keep_each_leaf_s_last_commit()
    {
        _repo.WriteLeaf("compositional_skills/math/multiplication", SampleLeaves.FreeformSkill.Replace("octocat", "hubot"));
        _repo.Commit("Add multiplication");
        _repo.WriteLeaf("compositional_skills/math/copy_one", SampleLeaves.FreeformSkill);
        _repo.WriteLeaf("compositional_skills/math/copy_two", SampleLeaves.FreeformSkill);
        var copies = _repo.Commit("Two identical copies of an existing leaf");
        _repo.WriteFile("compositional_skills/math/multiplication/qna.yaml", SampleLeaves.FreeformSkill.Replace("octocat", "mona"));
        _repo.Commit("Edit multiplication");
        _repo.Move("compositional_skills/math/multiplication/qna.yaml", "compositional_skills/arithmetic/multiplication/qna.yaml");
        _repo.Move("compositional_skills/math/multiplication/attribution.txt", "compositional_skills/arithmetic/multiplication/attribution.txt");
        var renamed = _repo.Commit("Move multiplication");
        _repo.Checkout("main");
        _repo.WriteLeaf("compositional_skills/math/base_only", SampleLeaves.FreeformSkill.Replace("octocat", "base"));
        _repo.Commit("Meanwhile on main");
        _repo.Checkout("pr");
        var merge = _repo.Merge("main");

        var report = await ValidateAsync();

        Assert.Equal(
            ["compositional_skills/arithmetic/multiplication/qna.yaml:", "compositional_skills/math/copy_one/qna.yaml:", "compositional_skills/math/copy_two/qna.yaml:"],
            Lines(report));
        Assert.Equal(renamed, report.Files[0].Leaf!.LastCommit);
        Assert.Equal(copies, report.Files[1].Leaf!.LastCommit);
        Assert.Equal(copies, report.Files[2].Leaf!.LastCommit);
        Assert.NotEqual(merge, renamed);
    }

    [Fact]
    public async Task A_merge_dated_before_its_parents_does_not_stop_the_run()
    {
        // Clocks skew: the merge of main into the pull request carries an older date than the commits it joins.
        var (first, second) = PullRequestHistories.SimilarLeavesThenSkewedMerge(_repo);

        var report = await ValidateAsync();

        Assert.Equal(["compositional_skills/math/division/qna.yaml:", "compositional_skills/math/multiplication/qna.yaml:"], Lines(report));
        Assert.Equal([second, first], report.Files.Select(f => f.Leaf!.LastCommit));
    }

    [Fact]
    public async Task When_the_history_cannot_tell_the_last_commit_the_head_is_recorded_and_the_report_says_why()
    {
        _repo.WriteLeaf("compositional_skills/math/multiplication", SampleLeaves.FreeformSkill.Replace("octocat", "hubot"));
        var only = _repo.Commit("Add multiplication");
        _repo.WriteFile("README.md", "# a later commit that leaves the leaf alone\n");
        var head = _repo.Commit("Touch the README");
        _repo.MakeShallowAt(only);
        var changes = new ChangeSet(_repo.Root, "main", only, "pr", head,
            [new ChangedFile("compositional_skills/math/multiplication/qna.yaml", null, ChangeKind.Added)]);
        using var source = new CommitLeafSource(_repo.Root, head);
        var schemas = await SchemaSet.LoadAsync(CancellationToken.None);

        var report = await new ChangedLeavesValidator(schemas, ValidationOptions.Default, new GitDocumentResolver(DocumentOptions.Default with { Offline = true }))
            .ValidateAsync(_repo.Root, changes, source, CancellationToken.None);

        var file = Assert.Single(report.Files);
        Assert.Equal(head, file.Leaf!.LastCommit);
        var note = Assert.Single(file.Diagnostics);
        Assert.Equal(("CB0408", Severity.Info), (note.Id, note.Severity));
        Assert.Contains("the clone is shallow", note.Message, StringComparison.Ordinal);
        Assert.Contains(head[..12], note.Message, StringComparison.Ordinal);
        Assert.False(report.HasErrors);
    }

    [Fact]
    public async Task A_leaf_added_under_an_existing_upper_case_folder_is_not_told_to_rename_it()
    {
        _repo.Checkout("main");
        _repo.WriteLeaf("compositional_skills/STEM/math/area", SampleLeaves.FreeformSkill);
        _repo.Commit("The project's own upper-case folder");
        _repo.Branch("contribution");
        _repo.WriteLeaf("compositional_skills/STEM/math/volume", SampleLeaves.FreeformSkill);
        _repo.WriteLeaf("compositional_skills/STEM/Physics/units", SampleLeaves.FreeformSkill);
        _repo.Commit("Add volume under STEM/math and a new Physics folder");

        var report = await ValidateAsync(headRef: "contribution");

        Assert.Equal(
            ["compositional_skills/STEM/Physics/units/qna.yaml: CB0509@1:1", "compositional_skills/STEM/math/volume/qna.yaml:"],
            Lines(report));
        Assert.Contains("'Physics'", report.Files[0].Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warnings_on_lines_the_change_did_not_touch_can_be_notices()
    {
        _repo.Checkout("main");
        _repo.WriteLeaf("compositional_skills/math/multiplication", SampleLeaves.FreeformSkill.Replace("octocat", "IBM Research"));
        _repo.Commit("An old leaf with an organisation as created_by");
        _repo.Branch("contribution");
        _repo.WriteFile("compositional_skills/math/multiplication/qna.yaml", SampleLeaves.FreeformSkill
            .Replace("octocat", "IBM Research").Replace("question: What is 3 + 5?", "question: what is 2 + 2"));
        _repo.Commit("Add a question that repeats the first");

        var asIs = await ValidateAsync(headRef: "contribution");
        var noticed = await ValidateAsync(headRef: "contribution", options: ValidationOptions.Default with { UntouchedAsNotices = true });

        Assert.Equal([("CB0501", Severity.Warning), ("CB0503", Severity.Warning)], asIs.Files.Single().Diagnostics.Select(d => (d.Id, d.Severity)));
        var diagnostics = noticed.Files.Single().Diagnostics;
        Assert.Equal([("CB0501", Severity.Info), ("CB0503", Severity.Warning)], diagnostics.Select(d => (d.Id, d.Severity)));
        Assert.StartsWith("This line is not part of the change", diagnostics[0].Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_line_of_an_added_leaf_counts_as_touched()
    {
        _repo.WriteLeaf("compositional_skills/math/multiplication", SampleLeaves.FreeformSkill.Replace("octocat", "IBM Research"));
        _repo.Commit("Add a leaf");

        var report = await ValidateAsync(options: ValidationOptions.Default with { UntouchedAsNotices = true });

        Assert.Equal(Severity.Warning, report.Files.Single().Diagnostics.Single().Severity);
    }

    [Fact]
    public async Task Untouched_lines_are_found_in_an_uncommitted_change_too()
    {
        _repo.Checkout("main");
        _repo.WriteLeaf("compositional_skills/math/multiplication", SampleLeaves.FreeformSkill.Replace("octocat", "IBM Research"));
        _repo.Commit("An old leaf with an organisation as created_by");
        _repo.WriteFile("compositional_skills/math/multiplication/qna.yaml", SampleLeaves.FreeformSkill
            .Replace("octocat", "IBM Research").Replace("question: What is 3 + 5?", "question: what is 2 + 2"));

        var report = await ValidateAsync(baseRef: "main", headRef: null, options: ValidationOptions.Default with { UntouchedAsNotices = true });

        Assert.Equal([("CB0501", Severity.Info), ("CB0503", Severity.Warning)], report.Files.Single().Diagnostics.Select(d => (d.Id, d.Severity)));
    }
}
