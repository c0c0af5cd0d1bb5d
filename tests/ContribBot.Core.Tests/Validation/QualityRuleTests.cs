using ContribBot.Core.Diagnostics;
using ContribBot.Core.Validation;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Validation;

public sealed class QualityRuleTests
{
    [Fact]
    public async Task A_created_by_that_is_not_a_GitHub_login_is_a_warning_at_the_value()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("created_by: octocat", "created_by: IBM Research"));

        Assert.Equal(["CB0501@2:13"], diagnostics.Codes());
        Assert.Equal(Severity.Warning, diagnostics[0].Severity);
    }

    [Theory]
    [InlineData("octocat")]
    [InlineData("mona-lisa")]
    [InlineData("a1")]
    public async Task Real_GitHub_logins_pass(string login) =>
        Assert.Empty(await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("octocat", login)));

    [Theory]
    [InlineData("main")]
    [InlineData("5974ca2")]
    public async Task A_branch_or_short_sha_as_document_commit_is_a_warning(string commit)
    {
        var yaml = SampleLeaves.Knowledge.Replace("5974ca271902332b633b1d86dc05408245d6d4c7", commit);

        Assert.Equal(["CB0502@48:11"], (await LeafCheck.RunAsync(yaml, "knowledge/science/moon")).Codes());
    }

    [Fact]
    public async Task The_same_question_with_different_case_and_punctuation_is_repeated()
    {
        var yaml = SampleLeaves.FreeformSkill.Replace("question: What is 3 + 5?\n    answer: \"8\"", "question: what is 2 + 2\n    answer: \"four\"");

        var diagnostics = await LeafCheck.RunAsync(yaml);

        Assert.Equal(["CB0503@7:15"], diagnostics.Codes());
        Assert.Equal("this question repeats the one in seed example 1 (line 5)", diagnostics[0].Message);
    }

    private static string GroundedSkill(string secondContext) => $"""
        version: 3
        task_description: Rewrite a sentence in inclusive IT language.
        created_by: octocat
        seed_examples:
          - context: The master database is the source and the slave databases follow it.
            question: How would you revise this sentence to use inclusive IT terminology?
            answer: The primary database is the source and the replica databases follow it.
          - context: {secondContext}
            question: How would you revise this sentence to use Inclusive IT terminology?
            answer: Many admins set up MAC address allowlists.
          - context: A master clock drives the slave clocks.
            question: Which words here are not inclusive?
            answer: Master and slave.
          - context: Add the host to the blacklist.
            question: Suggest a better word for the list named here.
            answer: Denylist.
          - context: The whitelist grants access.
            question: What does the list named here do, in inclusive words?
            answer: The allowlist grants access.

        """;

    [Fact]
    public async Task A_grounded_skill_may_ask_the_same_question_of_different_contexts()
    {
        var yaml = GroundedSkill("Many admins set up MAC address whitelists.");

        Assert.Empty(await LeafCheck.RunAsync(yaml, "compositional_skills/grounded/inclusion"));
    }

    [Fact]
    public async Task The_same_question_over_the_same_context_is_repeated()
    {
        var yaml = GroundedSkill("The master database is the source, and the slave databases follow it!");

        Assert.Equal(["CB0503@9:15"], (await LeafCheck.RunAsync(yaml, "compositional_skills/grounded/inclusion")).Codes());
    }

    [Fact]
    public async Task A_long_answer_reused_for_another_question_is_a_copied_seed()
    {
        var yaml = SampleLeaves.FreeformSkill
            .Replace("answer: \"4\"", "answer: The sum of the two numbers is four.")
            .Replace("answer: \"8\"", "answer: The sum of the two numbers is four.");

        Assert.Equal(["CB0504@8:13"], (await LeafCheck.RunAsync(yaml)).Codes());
    }

    [Fact]
    public async Task Short_repeated_answers_are_not_copies()
    {
        Assert.Empty(await LeafCheck.RunAsync(SampleLeaves.FreeformSkill)); // "3" answers two questions there
    }

    [Fact]
    public async Task A_knowledge_question_written_as_a_statement_is_a_warning()
    {
        var yaml = SampleLeaves.Knowledge.Replace("question: What lights the Moon?", "question: The Moon is lit by the Sun.");

        Assert.Equal(["CB0505@10:19"], (await LeafCheck.RunAsync(yaml, "knowledge/science/moon")).Codes());
    }

    [Fact]
    public async Task Seed_text_over_the_token_budget_is_reported_per_example_and_in_total()
    {
        var options = ValidationOptions.Default with { TokenBudget = new SeedTokenBudget(PerExample: 20, Total: 40) };
        var longAnswer = string.Join(' ', Enumerable.Repeat("moon", 30));

        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("answer: \"4\"", $"answer: {longAnswer}"), options: options);

        Assert.Equal(["CB0507@4:1", "CB0506@5:15"], diagnostics.Codes());
        // The question is about 7 tokens, the answer 30 (one per short word), plus a line break between them.
        Assert.Equal("seed example 1 is about 38 tokens (estimated); the budget per seed example is 20", diagnostics[1].Message);
    }

    [Fact]
    public async Task Personal_data_is_reported_masked_once_per_field_and_kind()
    {
        var yaml = SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: Mail jane.doe@corp.com or jdoe@corp.com, card 4111 1111 1111 1111");

        var diagnostics = await LeafCheck.RunAsync(yaml);

        Assert.Equal(["CB0508@6:13", "CB0508@6:13"], diagnostics.Codes());
        Assert.Contains(diagnostics, d => d.Message == "`answer` of seed example 1 holds what looks like an e-mail address ('ja*************om') and 1 more");
        Assert.Contains(diagnostics, d => d.Message.Contains("payment card number", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics, d => d.Message.Contains("jane.doe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Placeholder_data_is_not_personal_data()
    {
        var yaml = SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: Call 123-456-7890 or 555-010-0199, mail user@example.com");

        Assert.Empty(await LeafCheck.RunAsync(yaml));
    }

    [Fact]
    public async Task Folder_names_that_are_not_lower_case_words_are_warnings_with_a_suggestion()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill, "compositional_skills/STEM/Unit-Conversion");

        Assert.Equal(["CB0509@1:1", "CB0509@1:1"], diagnostics.Codes());
        Assert.Contains(diagnostics, d => d.Hint == "Rename the folder, e.g. 'unit_conversion'.");
    }

    [Fact]
    public async Task Values_left_as_the_templates_placeholders_are_warnings_naming_the_field()
    {
        var yaml = SampleLeaves.FreeformSkill
            .Replace("created_by: octocat", "created_by: <GitHub username>")
            .Replace("answer: \"8\"", "answer: <answer to the question>");

        var diagnostics = await LeafCheck.RunAsync(yaml);

        Assert.Equal(["CB0501@2:13", "CB0510@2:13", "CB0510@8:13"], diagnostics.Codes());
        Assert.Equal("`created_by` is still the template's placeholder '<GitHub username>'", diagnostics[1].Message);
        Assert.Equal("`answer` of seed example 2 is still the template's placeholder '<answer to the question>'", diagnostics[2].Message);
        Assert.Equal("Replace the text in <…> with your own value.", diagnostics[1].Hint);
    }

    [Theory]
    [InlineData("<br>")]
    [InlineData("List<int>")]
    [InlineData("Use <b>bold</b> here")]
    [InlineData("<div class=\"x\">")]
    [InlineData("a < b and c > d")]
    public async Task Angle_brackets_that_are_not_a_whole_placeholder_pass(string answer) =>
        Assert.Empty(await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("answer: \"8\"", $"answer: '{answer}'")));

    [Fact]
    public async Task The_placeholder_hint_points_at_the_taxonomys_own_template_when_it_has_one()
    {
        var options = ValidationOptions.Default with { TemplateFile = "docs/template_qna.yaml" };

        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("octocat", "<GitHub username>"), options: options);

        Assert.Contains("`docs/template_qna.yaml` in this taxonomy", diagnostics.Single(d => d.Id == "CB0510").Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_knowledge_document_url_placeholder_is_reported_once_when_documents_are_checked()
    {
        var yaml = SampleLeaves.Knowledge.Replace("https://github.com/example/moon-docs", "<document-repository-url-goes-here>");
        Assert.Contains("https://github.com/example/moon-docs", SampleLeaves.Knowledge, StringComparison.Ordinal);

        var wholeTree = await LeafCheck.RunAsync(yaml, "knowledge/science/moon");
        var pullRequest = await LeafCheck.RunAsync(yaml, "knowledge/science/moon", options: ValidationOptions.Default with { ChecksDocuments = true });

        Assert.Contains("CB0510", wholeTree.Select(d => d.Id));
        Assert.DoesNotContain("CB0510", pullRequest.Select(d => d.Id)); // CB0601 names it there
    }

    [Fact]
    public async Task Strict_mode_is_applied_by_the_tree_validator_not_the_rules()
    {
        var options = ValidationOptions.Default with { Strict = true };

        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("octocat", "not a login"), options: options);

        Assert.Equal(Severity.Warning, Assert.Single(diagnostics).Severity);
    }
}
