using ContribBot.Testing;

namespace ContribBot.Core.Tests.Validation;

public sealed class SchemaRuleTests
{
    [Fact]
    public async Task The_sample_skill_and_knowledge_leaves_are_valid()
    {
        Assert.Empty(await LeafCheck.RunAsync(SampleLeaves.FreeformSkill));
        Assert.Empty(await LeafCheck.RunAsync(SampleLeaves.Knowledge, "knowledge/science/moon"));
    }

    [Fact]
    public async Task A_missing_top_level_field_is_reported_at_the_top_with_a_hint_naming_it()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("created_by: octocat\n", ""));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("CB0201@1:1", diagnostics.Codes()[0]);
        Assert.Equal("missing required field `created_by`", diagnostic.Message);
        Assert.Contains("created_by: <your GitHub login>", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_answer_is_reported_at_its_seed_example()
    {
        var yaml = SampleLeaves.FreeformSkill.Replace("    answer: \"8\"\n", "");

        var diagnostics = await LeafCheck.RunAsync(yaml);

        Assert.Equal(["CB0201@7:5"], diagnostics.Codes());
        Assert.Equal("missing required field `answer` in seed example 2", diagnostics[0].Message);
    }

    [Fact]
    public async Task An_unknown_field_is_reported_at_its_key_with_the_allowed_fields()
    {
        var yaml = SampleLeaves.FreeformSkill.Replace("task_description:", "attribution: me\ntask_description:");

        var diagnostics = await LeafCheck.RunAsync(yaml);

        Assert.Equal(["CB0202@3:1"], diagnostics.Codes());
        Assert.Contains("attribution.txt", diagnostics[0].Hint, StringComparison.Ordinal);
        Assert.Contains("created_by, task_description, seed_examples", diagnostics[0].Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unquoted_yes_as_an_answer_is_a_boolean_and_the_hint_says_to_quote_it()
    {
        var yaml = SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: yes");

        var diagnostics = await LeafCheck.RunAsync(yaml);

        Assert.Equal(["CB0203@6:13"], diagnostics.Codes());
        Assert.Equal("`answer` of seed example 1 must be text, but is the boolean `yes`", diagnostics[0].Message);
        Assert.Equal("Quote it so YAML reads it as text: answer: \"yes\"", diagnostics[0].Hint);
    }

    [Fact]
    public async Task An_unquoted_number_answer_is_a_type_error()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("answer: \"42\"", "answer: 42"));

        Assert.Equal(["CB0203@12:13"], diagnostics.Codes());
    }

    [Fact]
    public async Task An_empty_question_is_null_and_reported_at_its_key()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("question: What is 3 + 5?", "question:"));

        Assert.Equal(["CB0203@7:5"], diagnostics.Codes());
        Assert.Contains("empty (null)", diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_quoted_string_is_empty_text()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("task_description: Answer arithmetic questions.", "task_description: ''"));

        Assert.Equal(["CB0204@3:19"], diagnostics.Codes());
    }

    [Fact]
    public async Task Four_seed_examples_report_at_the_seed_examples_key()
    {
        var yaml = SampleLeaves.FreeformSkill.Replace("  - question: What is 9 divided by 3?\n    answer: \"3\"\n", "");

        var diagnostics = await LeafCheck.RunAsync(yaml);

        Assert.Equal(["CB0205@4:1"], diagnostics.Codes());
        Assert.Equal("`seed_examples` has 4 item(s); at least 5 are required", diagnostics[0].Message);
    }

    [Fact]
    public async Task A_repeated_seed_example_is_reported_at_the_repeat_naming_the_first()
    {
        var yaml = SampleLeaves.FreeformSkill.Replace("  - question: What is 9 divided by 3?\n", "  - question: What is 10 - 7?\n");

        var diagnostics = await LeafCheck.RunAsync(yaml);

        Assert.Contains("CB0206@13:5", diagnostics.Codes());
        Assert.Contains("Seed example 5 is the same as seed example 3 (line 9)", diagnostics.Only("CB0206")[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Knowledge_needs_three_pairs_per_context_and_the_document_section()
    {
        var yaml = SampleLeaves.Knowledge
            .Replace("      - question: Is half the Moon always lit?\n        answer: Yes, half is always lit by the Sun.\n", "")
            .Replace("document:\n  repo: https://github.com/example/moon-docs\n  commit: 5974ca271902332b633b1d86dc05408245d6d4c7\n  patterns:\n    - \"*.md\"\n", "");

        var diagnostics = await LeafCheck.RunAsync(yaml, "knowledge/science/moon");

        Assert.Equal(["CB0201@1:1", "CB0205@7:5"], diagnostics.Codes());
        Assert.Contains("`questions_and_answers` of seed example 1 has 2 item(s)", diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Knowledge_rejects_task_description_and_suggests_document_outline()
    {
        var yaml = SampleLeaves.Knowledge.Replace("domain: astronomy", "domain: astronomy\ntask_description: x");

        var diagnostics = await LeafCheck.RunAsync(yaml, "knowledge/science/moon");

        Assert.Equal(["CB0202@4:1"], diagnostics.Codes());
        Assert.Contains("document_outline", diagnostics[0].Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_where_text_belongs_is_named_as_a_date()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("answer: \"3\"\n  - question: What is 6", "answer: 2024-01-01\n  - question: What is 6"));

        Assert.Contains("the date `2024-01-01`", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_1_skills_accept_one_seed_and_an_empty_task_description()
    {
        const string yaml = "created_by: someone\ntask_description: ''\nseed_examples:\n  - question: q?\n    answer: a\n";

        Assert.Empty(await LeafCheck.RunAsync(yaml));
    }

    [Fact]
    public async Task The_kind_outside_the_two_folders_follows_the_document_key()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.Knowledge, "foundational_skills/moon");

        Assert.Empty(diagnostics);
    }
}
