using ContribBot.Core.Configuration;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Runs.Checking;
using ContribBot.Core.Validation;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Validation.Policy;

/// <summary>
/// The maintainer's `validate:` section, read from the taxonomy's own .github/contribbot.yml by every check: rule
/// levels, overrides per path, ignored paths, limits, and suppressions written in a leaf.
/// </summary>
public sealed class RulePolicyTests : IDisposable
{
    private readonly TaxonomyFixture _taxonomy = new();

    public void Dispose() => _taxonomy.Dispose();

    private void Config(string yaml) => _taxonomy.WriteFile(ContribBotConfig.DefaultRelativePath, yaml);

    private async Task<ValidationReport> CheckAsync(CheckSettings? settings = null)
    {
        using var checkedTaxonomy = await TaxonomyCheck.RunAsync(settings ?? new CheckSettings([_taxonomy.Root]), null, CancellationToken.None);
        return checkedTaxonomy.Report;
    }

    /// <summary>Two leaves under an upper-case folder (CB0509, a warning) and one elsewhere with a broken answer (CB0203).</summary>
    private void WriteTree()
    {
        _taxonomy.WriteLeaf("compositional_skills/STEM/adding", SampleLeaves.FreeformSkill);
        _taxonomy.WriteLeaf("foundational_skills/STEM/counting", SampleLeaves.FreeformSkill);
        _taxonomy.WriteLeaf("compositional_skills/writing/bad", SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: yes", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Found(ValidationReport report) =>
        report.Files.SelectMany(f => f.Diagnostics.Select(d => $"{f.File.RelativePath} {d.Id} {d.Severity}")).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Without_a_validate_section_every_rule_reports_at_its_own_level()
    {
        WriteTree();

        Assert.Equal(
            ["compositional_skills/STEM/adding/qna.yaml CB0509 Warning", "compositional_skills/writing/bad/qna.yaml CB0203 Error", "foundational_skills/STEM/counting/qna.yaml CB0509 Warning"],
            Found(await CheckAsync()));
    }

    [Fact]
    public async Task A_rule_can_be_turned_off_or_given_another_level()
    {
        WriteTree();
        Config("validate:\n  rules: { CB0509: off, CB0203: notice }\n");

        Assert.Equal(["compositional_skills/writing/bad/qna.yaml CB0203 Info"], Found(await CheckAsync()));
    }

    [Fact]
    public async Task An_override_applies_to_its_paths_only_and_a_later_one_wins()
    {
        WriteTree();
        Config("""
            validate:
              rules: { CB0509: error }
              overrides:
                - paths: ["foundational_skills/**"]
                  rules: { CB0509: warning }
                - paths: ["foundational_skills/STEM/**"]
                  rules: { CB0509: off }
            """);

        Assert.Equal(
            ["compositional_skills/STEM/adding/qna.yaml CB0509 Error", "compositional_skills/writing/bad/qna.yaml CB0203 Error"],
            Found(await CheckAsync()));
    }

    [Fact]
    public async Task Ignored_paths_are_not_checked_at_all()
    {
        WriteTree();
        Config("validate:\n  ignore: [\"compositional_skills/writing/**\", \"foundational_skills/**\"]\n");

        var report = await CheckAsync();

        Assert.Equal(["compositional_skills/STEM/adding/qna.yaml"], report.Files.Select(f => f.File.RelativePath));
    }

    [Fact]
    public async Task An_unknown_rule_id_is_a_configuration_error_at_its_line_and_column()
    {
        WriteTree();
        Config("validate:\n  overrides:\n    - paths: [\"x/**\"]\n      rules: { CB0509: off, CB9999: off }\n");

        var error = await Assert.ThrowsAsync<ConfigException>(() => CheckAsync());

        Assert.Contains("contribbot.yml:4:29: unknown rule 'CB9999'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate:\n  rule: { CB0509: off }\n", "2:3: unknown setting 'validate.rule'")]
    [InlineData("validate:\n  rules: { CB0509: silent }\n", "2:20: the level of CB0509 must be off, notice, warning or error")]
    [InlineData("validate:\n  ignore: [\"a/[z-a]/**\"]\n", "2:12: 'a/[z-a]/**' is not a glob")]
    [InlineData("validate:\n  overrides:\n    - paths: [\"a/**\"]\n", "3:7: an override needs `paths`")]
    public async Task A_mistake_in_the_section_names_its_line_and_column(string yaml, string message)
    {
        WriteTree();
        Config(yaml);

        var error = await Assert.ThrowsAsync<ConfigException>(() => CheckAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_come_from_the_command_line_first_then_the_section()
    {
        WriteTree();
        Config("validate:\n  max_file_size: 10\n  strict: true\n");

        var fromConfig = await CheckAsync();
        var fromOption = await CheckAsync(new CheckSettings([_taxonomy.Root]) { MaxFileBytes = 1024 * 1024 });

        Assert.All(fromConfig.Files, f => Assert.Equal("CB0103", Assert.Single(f.Diagnostics).Id));
        // strict from the section still holds: the warnings are errors.
        Assert.Equal(3, fromOption.ErrorCount);
        Assert.Equal(0, fromOption.WarningCount);
    }

    [Fact]
    public async Task The_line_length_rule_is_off_until_a_level_is_given_and_then_spares_lines_of_one_word()
    {
        var longAnswer = "answer: \"" + string.Join(' ', Enumerable.Repeat("four", 30)) + "\"";
        _taxonomy.WriteLeaf("compositional_skills/writing/long", "# https://example.org/" + new string('a', 130) + "\n" +
            SampleLeaves.FreeformSkill.Replace("answer: \"4\"", longAnswer, StringComparison.Ordinal));

        var byDefault = await CheckAsync();
        Config("validate:\n  rules: { CB0312: warning }\n");
        var enabled = await CheckAsync();

        Assert.Empty(Found(byDefault));
        var diagnostic = Assert.Single(enabled.Diagnostics);
        Assert.Equal(("CB0312", Severity.Warning, 7, 121), (diagnostic.Id, diagnostic.Severity, diagnostic.Position.Line, diagnostic.Position.Column));
        Assert.Equal("the line is 163 characters long; the limit is 120", diagnostic.Message);
    }

    [Fact]
    public async Task A_leaf_can_silence_a_rule_for_its_next_line_or_for_the_whole_file()
    {
        _taxonomy.WriteLeaf("compositional_skills/writing/next_line", SampleLeaves.FreeformSkill.Replace(
            "  - question: What is 2 + 2?\n    answer: \"4\"", "  - question: What is 2 + 2?\n    # contribbot: disable=CB0203\n    answer: yes", StringComparison.Ordinal));
        _taxonomy.WriteLeaf("compositional_skills/writing/same_line", SampleLeaves.FreeformSkill.Replace(
            "answer: \"4\"", "answer: yes  # contribbot: disable=CB0203", StringComparison.Ordinal));
        _taxonomy.WriteLeaf("compositional_skills/writing/whole_file", "# contribbot: disable-file=CB0203, CB0509\n" + SampleLeaves.FreeformSkill.Replace(
            "answer: \"4\"", "answer: yes", StringComparison.Ordinal));
        _taxonomy.WriteLeaf("compositional_skills/writing/other_rule", SampleLeaves.FreeformSkill.Replace(
            "answer: \"4\"", "answer: yes  # contribbot: disable=CB0509", StringComparison.Ordinal));

        var report = await CheckAsync();

        Assert.Equal(["compositional_skills/writing/other_rule/qna.yaml CB0203 Error"], Found(report));
    }
}
