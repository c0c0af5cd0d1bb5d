using System.Text.Json;
using ContribBot.Core.Reports;
using ContribBot.Testing;
using Spectre.Console.Testing;

namespace ContribBot.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TaxonomyFixture _taxonomy = new();

    public void Dispose() => _taxonomy.Dispose();

    [Fact]
    public async Task On_a_watched_console_validation_counts_the_files_as_it_goes()
    {
        var console = new TestConsole().Interactive().Width(120);

        var run = await CliRun.RunWithProgressAsync(console, "validate", RepositoryPaths.ExampleTaxonomy);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Validating: \d+ files checked", console.Output);
        Assert.Contains("0 error(s)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bundled_example_taxonomy_is_valid()
    {
        var run = await CliRun.RunAsync("validate", RepositoryPaths.ExampleTaxonomy);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("3 file(s) checked (3 leaves): 0 error(s), 0 warning(s)\n", run.Stdout);
    }

    [Fact]
    public async Task The_taxonomy_config_sets_rule_levels_and_the_command_line_still_wins()
    {
        _taxonomy.WriteLeaf("compositional_skills/STEM/math", SampleLeaves.FreeformSkill);
        _taxonomy.WriteFile(".github/contribbot.yml", "validate:\n  rules: { CB0509: error }\n");

        var configured = await CliRun.RunAsync("validate", _taxonomy.Root);
        var otherConfig = _taxonomy.WriteFile("quiet.yml", "validate:\n  rules: { CB0509: off }\n");
        var quiet = await CliRun.RunAsync("validate", _taxonomy.Root, "--config", otherConfig);

        Assert.Equal(1, configured.ExitCode);
        Assert.Contains("error CB0509", configured.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, quiet.ExitCode);
        Assert.EndsWith("0 error(s), 0 warning(s)\n", quiet.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hints_name_the_taxonomys_own_template_only_when_it_has_one()
    {
        _taxonomy.WriteLeaf("compositional_skills/math/sums", SampleLeaves.FreeformSkill.Replace("octocat", "<GitHub username>"));

        var without = await CliRun.RunAsync("validate", _taxonomy.Root, "--format", "json");
        _taxonomy.WriteFile("docs/template_qna.yaml", "version: 3\ncreated_by: <GitHub username>\n");
        var with = await CliRun.RunAsync("validate", _taxonomy.Root, "--format", "json");

        Assert.DoesNotContain("template_qna", Hint(without), StringComparison.Ordinal);
        Assert.Contains("`docs/template_qna.yaml` in this taxonomy", Hint(with), StringComparison.Ordinal);

        static string Hint(CliRun run) => JsonDocument.Parse(run.Stdout).RootElement.GetProperty("diagnostics").EnumerateArray()
            .Single(d => d.GetProperty("code").GetString() == "CB0510").GetProperty("hint").GetString()!;
    }

    [Fact]
    public async Task A_baseline_hides_the_findings_it_holds_even_when_their_lines_move_and_shows_new_ones()
    {
        var broken = SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: yes", StringComparison.Ordinal);
        _taxonomy.WriteLeaf("compositional_skills/STEM/old", broken);
        var baseline = _taxonomy.Combine("baseline.json");

        var written = await CliRun.RunAsync("validate", _taxonomy.Root, "--write-baseline", baseline);
        // The old leaf gains a comment line above its finding; a new leaf brings a new finding of the same code.
        _taxonomy.WriteLeaf("compositional_skills/STEM/old", "# reviewed\n" + broken);
        _taxonomy.WriteLeaf("compositional_skills/STEM/new", broken);
        var later = await CliRun.RunAsync("validate", _taxonomy.Root, "--baseline", baseline);

        Assert.Equal(0, written.ExitCode);
        Assert.Contains("2 finding(s) written to the baseline", written.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, later.ExitCode);
        Assert.Contains("2 finding(s) already in the baseline", later.Stderr, StringComparison.Ordinal);
        Assert.Contains("STEM/new/qna.yaml", later.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("STEM/old/qna.yaml", later.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("1 error(s), 1 warning(s)\n", later.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_baseline_that_is_not_one_is_a_usage_error()
    {
        _taxonomy.WriteLeaf("compositional_skills/math", SampleLeaves.FreeformSkill);
        var baseline = _taxonomy.WriteFile("baseline.json", "{\"version\": 7}");

        var run = await CliRun.RunAsync("validate", _taxonomy.Root, "--baseline", baseline);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a ContribBot baseline", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_rule_in_the_config_is_a_usage_error_naming_its_place()
    {
        _taxonomy.WriteLeaf("compositional_skills/math", SampleLeaves.FreeformSkill);
        _taxonomy.WriteFile(".github/contribbot.yml", "validate:\n  rules:\n    CB0599: off\n");

        var run = await CliRun.RunAsync("validate", _taxonomy.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("contribbot.yml:3:5: unknown rule 'CB0599'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_print_compiler_style_lines_and_exit_with_1()
    {
        _taxonomy.WriteLeaf("compositional_skills/math", SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: yes"));

        var run = await CliRun.RunAsync("validate", _taxonomy.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"compositional_skills/math/qna\.yaml\(6,13\): error CB0203: `answer` of seed example 1 must be text, but is the boolean `yes`\n    hint: Quote it", run.Stdout);
        Assert.EndsWith("1 file(s) checked (1 leaves): 1 error(s), 0 warning(s)\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warnings_alone_pass_unless_strict()
    {
        _taxonomy.WriteLeaf("compositional_skills/math", SampleLeaves.FreeformSkill.Replace("octocat", "Some Team"));

        Assert.Equal(0, (await CliRun.RunAsync("validate", _taxonomy.Root)).ExitCode);
        Assert.Equal(1, (await CliRun.RunAsync("validate", "--strict", _taxonomy.Root)).ExitCode);
    }

    [Fact]
    public async Task Json_goes_to_stdout_and_the_summary_to_stderr()
    {
        _taxonomy.WriteLeaf("compositional_skills/math", SampleLeaves.FreeformSkill);

        var run = await CliRun.RunAsync("validate", _taxonomy.Root, "--format", "json");

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(1, json.RootElement.GetProperty("summary").GetProperty("leaves").GetInt32());
        Assert.Equal("1 file(s) checked (1 leaves): 0 error(s), 0 warning(s)\n", run.Stderr);
    }

    [Fact]
    public async Task Output_writes_the_report_to_a_file_and_prints_nothing_on_stdout()
    {
        _taxonomy.WriteLeaf("compositional_skills/math", SampleLeaves.FreeformSkill.TrimEnd('\n'));
        var file = Path.Combine(_taxonomy.Root, "out", "report.sarif");

        var run = await CliRun.RunAsync("validate", _taxonomy.Root, "--format", "sarif", "--output", file);

        Assert.Equal((1, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Contains("\"ruleId\": \"CB0303\"", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Contains("report written to", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("github", "::error file=")]
    [InlineData("markdown", "### ContribBot: ❌ Validation failed")]
    [InlineData("TEXT", "error CB0303")]
    public async Task Every_format_name_is_accepted(string format, string expected)
    {
        _taxonomy.WriteLeaf("compositional_skills/math", SampleLeaves.FreeformSkill.TrimEnd('\n'));

        var run = await CliRun.RunAsync("validate", _taxonomy.Root, "-f", format);

        Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error_with_exit_code_2()
    {
        var run = await CliRun.RunAsync("validate", "--format", "xml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown format 'xml'. Use one of: text, json, sarif, github, markdown.", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task A_missing_path_is_a_usage_error_without_a_stack_trace()
    {
        var run = await CliRun.RunAsync("validate", Path.Combine(_taxonomy.Root, "nope"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does not exist", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_yaml_is_a_usage_error()
    {
        var file = _taxonomy.WriteFile("README.md", "# hello\n");

        var run = await CliRun.RunAsync("validate", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a YAML file", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_leaves_passes_with_a_warning_that_it_may_be_the_wrong_one()
    {
        _taxonomy.WriteFile("docs/readme.md", "# hello\n");

        var run = await CliRun.RunAsync("validate", _taxonomy.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning: no qna.yaml found under", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_positive_size_limit_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("validate", _taxonomy.Root, "--max-file-size", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--max-file-size must be a positive number of bytes.", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_size_limit_option_is_applied()
    {
        _taxonomy.WriteLeaf("compositional_skills/math", SampleLeaves.FreeformSkill);

        var run = await CliRun.RunAsync("validate", _taxonomy.Root, "--max-file-size", "100");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("CB0103", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seed_token_budgets_can_be_set()
    {
        _taxonomy.WriteLeaf("compositional_skills/math", SampleLeaves.FreeformSkill);

        var run = await CliRun.RunAsync("validate", _taxonomy.Root, "--max-seed-tokens", "5", "--max-total-seed-tokens", "20");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning CB0506: seed example 1 is about 10 tokens (estimated); the budget per seed example is 5", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning CB0507: the seed examples are about 51 tokens in all (estimated); the budget is 20", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, (await CliRun.RunAsync("validate", _taxonomy.Root, "--max-seed-tokens", "-1")).ExitCode);
    }

    [Fact]
    public async Task The_validate_help_text_matches_its_golden_file()
    {
        var run = await CliRun.RunAsync("validate", "--help");

        Assert.Equal(0, run.ExitCode);
        Golden.Match(run.Stdout, "validate-help.txt");
    }

    [Fact]
    public async Task The_catalog_command_prints_the_documentation_page()
    {
        var run = await CliRun.RunAsync("catalog");

        Assert.Equal((0, DiagnosticCatalogPage.Render()), (run.ExitCode, run.Stdout));
    }
}
