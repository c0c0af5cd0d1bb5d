using ContribBot.Core.Diagnostics;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Validation;

public sealed class LintRuleTests
{
    private const string Version1 = "created_by: someone\ntask_description: t\nseed_examples:\n  - question: q?\n    answer: a\n";

    [Fact]
    public async Task A_duplicate_key_is_an_error_naming_the_first_line()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("created_by: octocat\n", "created_by: octocat\ncreated_by: hubot\n"));

        Assert.Equal(["CB0301@3:1"], diagnostics.Codes());
        Assert.Equal("key `created_by` is repeated; it was first set on line 2 and that value is discarded", diagnostics[0].Message);
        Assert.Equal(Severity.Error, diagnostics[0].Severity);
    }

    [Fact]
    public async Task Lint_errors_are_warnings_in_version_1_files_which_the_reference_never_linted()
    {
        var diagnostics = await LeafCheck.RunAsync(Version1.Replace("task_description: t", "task_description: t  "));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(("CB0302", 2, 20, Severity.Warning), (diagnostic.Id, diagnostic.Position.Line, diagnostic.Position.Column, diagnostic.Severity));
    }

    [Fact]
    public async Task Trailing_spaces_are_reported_where_they_start()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("created_by: octocat", "created_by: octocat \t"));

        Assert.Equal(["CB0302@2:20"], diagnostics.Codes());
    }

    [Fact]
    public async Task A_missing_final_newline_is_reported_after_the_last_character()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.TrimEnd('\n'));

        Assert.Equal(["CB0303@14:16"], diagnostics.Codes());
    }

    [Fact]
    public async Task Windows_line_endings_are_reported_once_at_the_first()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("\n", "\r\n"));

        Assert.Equal(["CB0304@1:11"], diagnostics.Codes());
    }

    [Fact]
    public async Task More_than_two_blank_lines_and_blank_lines_at_the_edges_are_warnings()
    {
        var yaml = "\n" + SampleLeaves.FreeformSkill.Replace("seed_examples:", "\n\n\nseed_examples:") + "\n";

        var diagnostics = await LeafCheck.RunAsync(yaml);

        Assert.Equal(["CB0311@1:1", "CB0311@7:1", "CB0311@19:1"], diagnostics.Codes());
        Assert.All(diagnostics, d => Assert.Equal(Severity.Warning, d.Severity));
    }

    [Fact]
    public async Task A_mapping_indented_differently_from_the_rest_of_the_file_is_a_warning()
    {
        var withOddIndent = SampleLeaves.Knowledge.Replace("document:\n  repo:", "document:\n    repo:")
            .Replace("  commit:", "    commit:").Replace("  patterns:\n    - \"*.md\"", "    patterns:\n      - \"*.md\"");
        var odd = await LeafCheck.RunAsync(withOddIndent, "knowledge/science/moon");

        Assert.Equal(["CB0305@47:5"], odd.Codes());
        Assert.Equal("indented by 4 spaces; this file indents by 2", odd[0].Message);
    }

    [Fact]
    public async Task Lists_indented_under_one_key_and_not_under_another_are_inconsistent()
    {
        var yaml = SampleLeaves.Knowledge.Replace("  patterns:\n    - \"*.md\"", "  patterns:\n  - \"*.md\"");

        var diagnostics = await LeafCheck.RunAsync(yaml, "knowledge/science/moon");

        Assert.Equal(["CB0305@50:3"], diagnostics.Codes());
    }

    [Fact]
    public async Task Two_spaces_after_a_hyphen_or_a_colon_are_warnings()
    {
        var yaml = SampleLeaves.Knowledge.Replace("    - \"*.md\"", "    -  \"*.md\"")
            .Replace("created_by: octocat", "created_by:   octocat");

        var diagnostics = await LeafCheck.RunAsync(yaml, "knowledge/science/moon");

        Assert.Equal(["CB0307@2:12", "CB0306@50:6"], diagnostics.Codes());
        Assert.Equal("3 spaces after the colon; one is expected", diagnostics[0].Message);
    }

    [Fact]
    public async Task A_space_before_a_colon_is_a_warning()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("created_by: octocat", "created_by : octocat"));

        Assert.Equal(["CB0307@2:12"], diagnostics.Codes());
    }

    [Fact]
    public async Task Flow_collections_follow_the_comma_brace_and_bracket_spacing_rules()
    {
        var yaml = SampleLeaves.Knowledge.Replace("  patterns:\n    - \"*.md\"", "  patterns: [  \"*.md\" ,\"b.md\"]\n  extra: {  a: 1}");

        var diagnostics = await LeafCheck.RunAsync(yaml, "knowledge/science/moon");

        Assert.Equal(["CB0310@49:14", "CB0308@49:23", "CB0308@49:24", "CB0202@50:3", "CB0309@50:11"], diagnostics.Codes());
    }
}
