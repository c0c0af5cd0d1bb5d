using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Tests.Taxonomy;

public sealed class YamlReaderTests
{
    private static YamlReadResult Read(string text, YamlLimits? limits = null) =>
        YamlReader.Read("/t/qna.yaml", text, limits ?? YamlLimits.Default);

    [Fact]
    public void Nodes_remember_the_line_and_column_of_their_keys_and_values()
    {
        var result = Read("version: 3\nseed_examples:\n  - question: Why?\n    answer: 'Because'\n");

        var root = Assert.IsType<YamlMapping>(result.Document!.Root);
        var seeds = Assert.IsType<YamlSequence>(root["seed_examples"]);
        var first = Assert.IsType<YamlMapping>(seeds.Items[0]);
        var answerEntry = first.Find("answer")!;
        Assert.Equal(new SourcePosition(4, 5), answerEntry.Key.Start);
        Assert.Equal(new SourcePosition(4, 13), answerEntry.Value.Start);
        Assert.Equal(new SourcePosition(2, 1), root.Find("seed_examples")!.Key.Start);
    }

    [Fact]
    public void Quoted_scalars_are_text_and_plain_ones_are_typed()
    {
        var root = (YamlMapping)Read("a: yes\nb: 'yes'\nc:\nd: \"42\"\ne: 42\n").Document!.Root!;

        Assert.Equal(YamlScalarType.Boolean, ((YamlScalar)root["a"]!).Type);
        Assert.Equal(YamlScalarType.String, ((YamlScalar)root["b"]!).Type);
        Assert.Equal(YamlScalarType.Null, ((YamlScalar)root["c"]!).Type);
        Assert.Equal(YamlScalarType.String, ((YamlScalar)root["d"]!).Type);
        Assert.Equal(YamlScalarType.Integer, ((YamlScalar)root["e"]!).Type);
    }

    [Fact]
    public void A_repeated_key_keeps_the_last_value_and_is_recorded_with_both_lines()
    {
        var result = Read("answer: first\nquestion: q\nanswer: second\n");

        var root = (YamlMapping)result.Document!.Root!;
        Assert.Equal("second", ((YamlScalar)root["answer"]!).Text);
        var duplicate = Assert.Single(result.Document.DuplicateKeys);
        Assert.Equal(("answer", 1, 3), (duplicate.Key, duplicate.First.Line, duplicate.Again.Line));
    }

    [Fact]
    public void A_billion_laughs_document_is_rejected_at_the_alias_that_crosses_the_limit()
    {
        var lines = new List<string> { "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]" };
        for (var level = 'b'; level <= 'i'; level++)
        {
            var previous = (char)(level - 1);
            lines.Add($"{level}: &{level} [{string.Join(",", Enumerable.Repeat($"*{previous}", 9))}]");
        }

        var text = string.Join("\n", lines) + "\n";
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread(); // the reader runs on this thread

        var result = Read(text);

        // Expanded, the document would be 9^9 nodes; saying no costs a few hundred kilobytes (bound, not a timing).
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, 5_000_000);
        Assert.Null(result.Document);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("CB0105", diagnostic.Id);
        Assert.Equal(6, diagnostic.Position.Line); // level f is the first whose expansion exceeds 100,000 nodes
    }

    [Fact]
    public void Aliases_within_the_limit_are_shared_not_copied()
    {
        var result = Read("base: &b {question: q, answer: a}\ncopy: *b\n");

        var root = (YamlMapping)result.Document!.Root!;
        Assert.Same(root["base"], root["copy"]);
    }

    [Fact]
    public void An_alias_to_an_undefined_anchor_is_a_syntax_error_at_the_alias()
    {
        var result = Read("a: 1\nb: *missing\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("CB0101", 2, 4), (diagnostic.Id, diagnostic.Position.Line, diagnostic.Position.Column));
        Assert.Contains("*missing", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected_where_it_crosses()
    {
        var text = new string('[', 100) + new string(']', 100) + "\n";

        var result = Read(text, YamlLimits.Default with { MaxDepth = 10 });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("CB0104", 1, 11), (diagnostic.Id, diagnostic.Position.Line, diagnostic.Position.Column));
    }

    [Fact]
    public void Deep_nesting_of_ten_thousand_levels_does_not_overflow_the_stack()
    {
        var text = "a: " + new string('[', 10_000) + new string(']', 10_000) + "\n";

        var result = Read(text);

        Assert.Equal("CB0104", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void A_second_document_is_reported_where_it_starts()
    {
        var result = Read("a: 1\n---\nb: 2\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("CB0108", 2, 1), (diagnostic.Id, diagnostic.Position.Line, diagnostic.Position.Column));
    }

    [Fact]
    public void A_tab_in_indentation_is_named_as_such_at_the_tab()
    {
        var result = Read("seed_examples:\n\t- question: q\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("CB0102", 2, 1), (diagnostic.Id, diagnostic.Position.Line, diagnostic.Position.Column));
    }

    [Fact]
    public void A_syntax_error_gives_its_line_and_column_and_a_lower_case_message()
    {
        var result = Read("question: what is: this\n  answer: x\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("CB0101", diagnostic.Id);
        Assert.Equal(1, diagnostic.Position.Line);
        Assert.DoesNotContain("Line:", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_used_as_a_key_is_rejected()
    {
        var result = Read("? {a: 1}\n: value\n");

        Assert.Equal("CB0115", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void An_under_indented_continuation_line_is_read_as_PyYAML_reads_it_with_a_warning()
    {
        var result = Read("seed_examples:\n  - question: \"first part\n    second part\"\n    answer: x\n");

        var seeds = (YamlSequence)((YamlMapping)result.Document!.Root!)["seed_examples"]!;
        Assert.Equal("first part second part", ((YamlScalar)((YamlMapping)seeds.Items[0])["question"]!).Text);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("CB0116", 3), (diagnostic.Id, diagnostic.Position.Line));
    }

    [Fact]
    public void An_unterminated_quote_is_a_syntax_error_not_a_repair()
    {
        var result = Read("seed_examples:\n  - question: \"never closed\n    answer: x\n");

        Assert.Equal("CB0101", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void A_repaired_document_keeps_the_text_as_written()
    {
        const string text = "seed_examples:\n  - question: \"first part\n    second part\"\n    answer: x\n";

        Assert.Equal(text, Read(text).Document!.Text);
    }

    [Fact]
    public void Scanner_tokens_are_kept_for_the_spacing_rules()
    {
        var result = Read("key:  value\n");

        var value = Assert.Single(result.Document!.Tokens, t => t.Kind == YamlTokenKind.Value);
        Assert.Equal(new SourcePosition(1, 4), value.Start);
    }

    [Fact]
    public void A_flow_list_left_open_under_a_less_indented_line_is_a_syntax_error_with_a_place_not_a_crash()
    {
        var result = Read("document:\n  patterns:\n [    - notes/*.md\ndomain: x\n");

        Assert.Null(result.Document);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("CB0101", error.Id);
        Assert.True(error.Position.Line >= 3, $"at {error.Position}");
    }
}
