using System.Diagnostics;
using System.Text;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Validation;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Validation;

/// <summary>Whole trees on disk, including the hostile files a fork could send.</summary>
public sealed class TaxonomyValidatorTests : IDisposable
{
    private readonly TaxonomyFixture _taxonomy = new();

    public void Dispose() => _taxonomy.Dispose();

    private async Task<ValidationReport> ValidateAsync(ValidationOptions? options = null, params string[] paths)
    {
        var validator = await TaxonomyValidator.CreateAsync(options ?? ValidationOptions.Default, CancellationToken.None);
        return await validator.ValidateAsync(paths.Length == 0 ? [_taxonomy.Root] : paths, null, CancellationToken.None);
    }

    private static IReadOnlyList<string> CodesOf(ValidationReport report, string relativePath) =>
        report.Files.Single(f => f.File.RelativePath == relativePath).Diagnostics.Codes();

    [Fact]
    public async Task A_fifo_named_qna_yaml_is_reported_and_never_opened()
    {
        _taxonomy.WriteLeaf("compositional_skills/good", SampleLeaves.FreeformSkill);
        var fifo = _taxonomy.Combine("compositional_skills/pipe/qna.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(fifo)!);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) await mkfifo.WaitForExitAsync();

        // Opening the FIFO would block until a writer came; the walk must finish without one.
        var report = await ValidateAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(["CB0119@1:1"], CodesOf(report, "compositional_skills/pipe/qna.yaml"));
        Assert.Contains("a FIFO, socket or device", report.Files.Single(f => f.File.RelativePath.Contains("pipe", StringComparison.Ordinal)).Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Empty(CodesOf(report, "compositional_skills/good/qna.yaml"));
    }

    [Fact]
    public async Task Links_that_loop_are_reported_and_the_rest_of_the_tree_is_checked()
    {
        _taxonomy.WriteLeaf("compositional_skills/good", SampleLeaves.FreeformSkill);
        var folder = Directory.CreateDirectory(_taxonomy.Combine("compositional_skills/loops")).FullName;
        File.CreateSymbolicLink(Path.Combine(folder, "qna.yaml"), "qna.yaml");
        Directory.CreateDirectory(Path.Combine(folder, "ring"));
        File.CreateSymbolicLink(Path.Combine(folder, "ring", "a.yaml"), "b.yaml");
        File.CreateSymbolicLink(Path.Combine(folder, "ring", "b.yaml"), "a.yaml");

        var report = await ValidateAsync();

        Assert.Equal(["CB0119@1:1"], CodesOf(report, "compositional_skills/loops/qna.yaml"));
        Assert.Equal(["CB0119@1:1"], CodesOf(report, "compositional_skills/loops/ring/a.yaml"));
        Assert.Equal(["CB0119@1:1"], CodesOf(report, "compositional_skills/loops/ring/b.yaml"));
        Assert.Empty(CodesOf(report, "compositional_skills/good/qna.yaml"));
    }

    [Fact]
    public async Task One_bad_file_never_stops_the_others_from_being_checked()
    {
        _taxonomy.WriteLeaf("compositional_skills/a/broken", "seed_examples: [unclosed\n");
        _taxonomy.WriteBytes("compositional_skills/b/binary/qna.yaml", [0, 1, 2, 3]);
        _taxonomy.WriteLeaf("compositional_skills/c/good", SampleLeaves.FreeformSkill);
        _taxonomy.WriteLeaf("compositional_skills/d/bad_answer", SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: yes"));

        var report = await ValidateAsync();

        Assert.Equal(4, report.LeafCount);
        Assert.Equal("CB0101", Assert.Single(report.Files[0].Diagnostics).Id);
        Assert.Equal(["CB0111@1:1"], CodesOf(report, "compositional_skills/b/binary/qna.yaml"));
        Assert.Empty(CodesOf(report, "compositional_skills/c/good/qna.yaml"));
        Assert.Equal(["CB0203@6:13"], CodesOf(report, "compositional_skills/d/bad_answer/qna.yaml"));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_without_being_parsed()
    {
        _taxonomy.WriteLeaf("compositional_skills/big", "a: " + new string('x', 5000) + "\n");

        var report = await ValidateAsync(ValidationOptions.Default with { Limits = ValidationOptions.Default.Limits with { MaxFileBytes = 4096 } });

        var diagnostic = Assert.Single(report.Diagnostics);
        Assert.Equal("CB0103", diagnostic.Id);
        Assert.Equal("the file is 5,004 bytes; the limit is 4,096 bytes", diagnostic.Message);
    }

    [Fact]
    public async Task A_billion_laughs_file_is_rejected_on_disk_too()
    {
        var yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'z'; level++)
        {
            yaml.Append(level).Append(": &").Append(level).Append(" [")
                .Append(string.Join(",", Enumerable.Repeat($"*{(char)(level - 1)}", 9))).Append("]\n");
        }

        _taxonomy.WriteLeaf("compositional_skills/lol", yaml.ToString());

        var report = await ValidateAsync();

        // 9^26 nodes if expanded; the reader's own test bounds the memory it takes to say no.
        Assert.Equal("CB0105", Assert.Single(report.Diagnostics).Id);
    }

    [Fact]
    public async Task Every_hostile_file_gets_its_own_diagnostic()
    {
        _taxonomy.WriteLeaf("compositional_skills/tabs", "seed_examples:\n\t- question: q\n");
        _taxonomy.WriteBytes("compositional_skills/latin1/qna.yaml", Encoding.Latin1.GetBytes("created_by: Jos\u00e9\n"));
        _taxonomy.WriteBytes("compositional_skills/bom/qna.yaml", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(SampleLeaves.FreeformSkill)]);
        _taxonomy.WriteFile("compositional_skills/bom/attribution.txt", TaxonomyFixture.DefaultAttribution);
        _taxonomy.WriteLeaf("compositional_skills/two_docs", "a: 1\n---\nb: 2\n");
        _taxonomy.WriteLeaf("compositional_skills/list_root", "- question: q\n  answer: a\n");
        _taxonomy.WriteLeaf("compositional_skills/empty", "");
        _taxonomy.WriteLeaf("compositional_skills/comments_only", "# nothing yet\n");
        _taxonomy.WriteLeaf("compositional_skills/deep", "a: " + new string('[', 200) + new string(']', 200) + "\n");

        var report = await ValidateAsync();

        Assert.Equal(["CB0107@1:1"], CodesOf(report, "compositional_skills/bom/qna.yaml"));
        Assert.Equal(["CB0109@1:1"], CodesOf(report, "compositional_skills/list_root/qna.yaml"));
        Assert.Equal(["CB0110@1:1"], CodesOf(report, "compositional_skills/comments_only/qna.yaml"));
        Assert.Equal(["CB0104@1:67"], CodesOf(report, "compositional_skills/deep/qna.yaml"));
        Assert.Equal(["CB0110@1:1"], CodesOf(report, "compositional_skills/empty/qna.yaml"));
        Assert.Equal(["CB0106@1:16"], CodesOf(report, "compositional_skills/latin1/qna.yaml"));
        Assert.Equal(["CB0102@2:1"], CodesOf(report, "compositional_skills/tabs/qna.yaml"));
        Assert.Equal(["CB0108@2:1"], CodesOf(report, "compositional_skills/two_docs/qna.yaml"));
        Assert.Equal(Severity.Warning, report.Files.Single(f => f.File.RelativePath == "compositional_skills/empty/qna.yaml").Diagnostics[0].Severity);
    }

    [Fact]
    public async Task A_symbolic_link_out_of_the_taxonomy_is_reported_and_not_followed()
    {
        using var outside = new TempDirectory();
        var secret = Path.Combine(outside.Path, "secret.yaml");
        await File.WriteAllTextAsync(secret, "password: hunter2\n");
        Directory.CreateDirectory(_taxonomy.Combine("compositional_skills/leak"));
        File.CreateSymbolicLink(_taxonomy.Combine("compositional_skills/leak/qna.yaml"), secret);
        Directory.CreateSymbolicLink(_taxonomy.Combine("knowledge"), outside.Path);

        var report = await ValidateAsync();

        Assert.Equal(["CB0112@1:1"], CodesOf(report, "compositional_skills/leak/qna.yaml"));
        Assert.Equal(["CB0112@1:1"], CodesOf(report, "knowledge"));
        Assert.DoesNotContain(report.Diagnostics, d => d.Message.Contains("password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_link_that_stays_inside_the_taxonomy_is_read()
    {
        _taxonomy.WriteLeaf("compositional_skills/real", SampleLeaves.FreeformSkill);
        Directory.CreateDirectory(_taxonomy.Combine("compositional_skills/linked"));
        File.CreateSymbolicLink(_taxonomy.Combine("compositional_skills/linked/qna.yaml"), _taxonomy.Combine("compositional_skills/real/qna.yaml"));
        _taxonomy.WriteFile("compositional_skills/linked/attribution.txt", TaxonomyFixture.DefaultAttribution);

        var report = await ValidateAsync();

        Assert.Equal(2, report.LeafCount);
        Assert.Empty(report.Diagnostics);
    }

    [Fact]
    public async Task Yaml_files_not_named_qna_yaml_are_reported_as_lost_content()
    {
        _taxonomy.WriteFile("compositional_skills/a/qna.yml", SampleLeaves.FreeformSkill);
        _taxonomy.WriteFile("knowledge/b/QNA.yaml", SampleLeaves.Knowledge);
        _taxonomy.WriteFile(".github/workflows/ci.yml", "on: push\n");
        _taxonomy.WriteFile("docs/config.yaml", "a: 1\n");

        var report = await ValidateAsync();

        Assert.Equal(["compositional_skills/a/qna.yml", "knowledge/b/QNA.yaml"], report.Files.Select(f => f.File.RelativePath));
        Assert.All(report.Diagnostics, d => Assert.Equal(("CB0113", Severity.Warning), (d.Id, d.Severity)));
        Assert.Contains("'qna.yml' is not read as a leaf", report.Diagnostics.First().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_roots_and_single_files_are_checked_in_one_run()
    {
        using var second = new TaxonomyFixture();
        _taxonomy.WriteLeaf("compositional_skills/one", SampleLeaves.FreeformSkill);
        var file = second.WriteLeaf("knowledge/science/moon", SampleLeaves.Knowledge);

        var report = await ValidateAsync(null, _taxonomy.Root, file);

        Assert.Equal(2, report.LeafCount);
        Assert.Equal("knowledge/science/moon", report.Files[1].File.TaxonomyPath.Value);
        Assert.Equal(ContribBot.Core.Taxonomy.LeafKind.Knowledge, report.Files[1].Kind);
    }

    [Fact]
    public async Task A_folder_inside_the_taxonomy_keeps_taxonomy_paths_and_kinds()
    {
        _taxonomy.WriteLeaf("knowledge/science/moon", SampleLeaves.Knowledge);
        _taxonomy.WriteLeaf("compositional_skills/math", SampleLeaves.FreeformSkill);

        var report = await ValidateAsync(null, _taxonomy.Combine("knowledge/science"));

        var file = Assert.Single(report.Files);
        Assert.Equal(("knowledge/science/moon", "knowledge/science/moon/qna.yaml"), (file.File.TaxonomyPath.Value, file.File.RelativePath));
        Assert.Equal(ContribBot.Core.Taxonomy.LeafKind.Knowledge, file.Kind);
        Assert.Empty(report.Diagnostics);
    }

    [Fact]
    public async Task A_taxonomy_kept_under_a_folder_named_knowledge_is_its_own_root()
    {
        _taxonomy.WriteLeaf("knowledge/taxonomy/compositional_skills/math", SampleLeaves.FreeformSkill);
        _taxonomy.WriteFile("knowledge/taxonomy/docs/notes.yaml", "a: 1\n");

        var report = await ValidateAsync(null, _taxonomy.Combine("knowledge/taxonomy"));

        var file = Assert.Single(report.Files);
        Assert.Equal("compositional_skills/math/qna.yaml", file.File.RelativePath);
        Assert.Empty(report.Diagnostics);
    }

    [Fact]
    public async Task A_dangling_link_inside_the_taxonomy_is_reported_as_unreadable()
    {
        Directory.CreateDirectory(_taxonomy.Combine("compositional_skills/gone"));
        File.CreateSymbolicLink(_taxonomy.Combine("compositional_skills/gone/qna.yaml"), _taxonomy.Combine("compositional_skills/gone/missing.yaml"));

        var report = await ValidateAsync();

        Assert.Equal(["CB0114@1:1"], CodesOf(report, "compositional_skills/gone/qna.yaml"));
    }

    [Fact]
    public async Task A_bug_in_a_rule_becomes_a_diagnostic_on_that_file_only()
    {
        _taxonomy.WriteLeaf("compositional_skills/a", SampleLeaves.FreeformSkill);
        _taxonomy.WriteLeaf("compositional_skills/b", SampleLeaves.FreeformSkill.Replace("octocat", "boom"));
        var validator = new TaxonomyValidator([new ThrowingRule()], ValidationOptions.Default);

        var report = await validator.ValidateAsync([_taxonomy.Root], null, CancellationToken.None);

        Assert.Empty(CodesOf(report, "compositional_skills/a/qna.yaml"));
        var diagnostic = Assert.Single(report.Files.Single(f => f.File.RelativePath == "compositional_skills/b/qna.yaml").Diagnostics);
        Assert.Equal(("CB0199", "ContribBot failed while checking this file: InvalidOperationException: rule bug"), (diagnostic.Id, diagnostic.Message));
    }

    [Fact]
    public async Task A_check_that_starts_before_the_schemas_are_loaded_waits_for_them_and_misses_nothing()
    {
        _taxonomy.WriteLeaf("compositional_skills/a/good", SampleLeaves.FreeformSkill);
        _taxonomy.WriteLeaf("compositional_skills/d/bad_answer", SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: yes"));
        var loading = new TaskCompletionSource<Core.Validation.Schema.SchemaSet>(TaskCreationOptions.RunContinuationsAsynchronously);
        var validator = new TaxonomyValidator(RuleSet.Default(loading.Task), ValidationOptions.Default);

        var checking = validator.ValidateAsync([_taxonomy.Root], null, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(checking.IsCompleted);
        loading.SetResult(await Core.Validation.Schema.SchemaSet.LoadAsync(CancellationToken.None));
        var report = await checking;

        Assert.Empty(CodesOf(report, "compositional_skills/a/good/qna.yaml"));
        Assert.Equal(["CB0203@6:13"], CodesOf(report, "compositional_skills/d/bad_answer/qna.yaml"));
    }

    private sealed class ThrowingRule : ILeafRule
    {
        public IEnumerable<Diagnostic> Check(LeafContext leaf) =>
            leaf.Text.Contains("boom", StringComparison.Ordinal) ? throw new InvalidOperationException("rule bug") : [];
    }

    [Fact]
    public async Task A_path_that_does_not_exist_is_a_usage_error()
    {
        var exception = await Assert.ThrowsAsync<InputPathException>(() => ValidateAsync(null, _taxonomy.Combine("nope")));

        Assert.Contains("does not exist", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_mode_turns_warnings_into_errors()
    {
        _taxonomy.WriteLeaf("compositional_skills/one", SampleLeaves.FreeformSkill.Replace("octocat", "Not A Login"));

        var report = await ValidateAsync(ValidationOptions.Default with { Strict = true });

        Assert.Equal((1, 0), (report.ErrorCount, report.WarningCount));
    }

    [Fact]
    public async Task Leaves_are_classified_as_freeform_grounded_or_knowledge()
    {
        _taxonomy.WriteLeaf("compositional_skills/free", SampleLeaves.FreeformSkill);
        _taxonomy.WriteLeaf("compositional_skills/grounded", SampleLeaves.FreeformSkill.Replace("  - question: What is 2 + 2?", "  - context: Two plus two.\n    question: What is 2 + 2?"));
        _taxonomy.WriteLeaf("knowledge/moon", SampleLeaves.Knowledge);

        var report = await ValidateAsync();

        Assert.Equal(
            [ContribBot.Core.Taxonomy.LeafKind.FreeformSkill, ContribBot.Core.Taxonomy.LeafKind.GroundedSkill, ContribBot.Core.Taxonomy.LeafKind.Knowledge],
            report.Files.Select(f => f.Kind!.Value));
        Assert.Empty(report.Diagnostics);
    }

    [Fact]
    public async Task Validating_ten_leaves_reports_progress_for_each()
    {
        for (var i = 0; i < 10; i++) _taxonomy.WriteLeaf($"compositional_skills/leaf_{i}", SampleLeaves.FreeformSkill);
        var seen = new List<ValidationProgress>();
        var validator = await TaxonomyValidator.CreateAsync(ValidationOptions.Default, CancellationToken.None);

        await validator.ValidateAsync([_taxonomy.Root], new SynchronousProgress(seen), CancellationToken.None);

        Assert.Equal(10, seen.Count);
        Assert.Equal(10, seen.Max(p => p.Done));
    }

    private sealed class SynchronousProgress(List<ValidationProgress> seen) : IProgress<ValidationProgress>
    {
        public void Report(ValidationProgress value)
        {
            lock (seen) seen.Add(value);
        }
    }
}
