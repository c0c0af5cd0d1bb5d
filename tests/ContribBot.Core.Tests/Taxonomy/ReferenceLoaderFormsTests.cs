using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Tests.Taxonomy;

/// <summary>
/// YAML that the reference loader (PyYAML) reads and YamlDotNet does not, read to PyYAML's values. Each expected value
/// is written from PyYAML's documented behaviour: a flow scalar's line breaks fold into one space (an empty line into a
/// line break) and continuation lines lose their leading spaces; leading blank lines of a block scalar are line breaks;
/// merge keys put the merged entries first, a list's mappings in reverse order, then the explicit ones, the later of
/// two equal keys winning.
/// </summary>
public sealed class ReferenceLoaderFormsTests
{
    private static YamlReadResult Read(string text, YamlLimits? limits = null) =>
        YamlReader.Read("/t/qna.yaml", text, limits ?? YamlLimits.Default);

    private static string Text(YamlNode? node) => Assert.IsType<YamlScalar>(node).Text;

    private static YamlMapping Root(YamlReadResult result) => Assert.IsType<YamlMapping>(result.Document!.Root);

    private static IReadOnlyList<string> Codes(YamlReadResult result) =>
        result.Diagnostics.Select(d => $"{d.Id}@{d.Position.Line}:{d.Position.Column}").ToList();

    private static YamlMapping Seed(YamlReadResult result, int index) =>
        Assert.IsType<YamlMapping>(Assert.IsType<YamlSequence>(Root(result)["seed_examples"]).Items[index]);

    [Fact]
    public void A_merge_key_with_an_alias_merges_the_anchored_mapping_and_explicit_keys_win()
    {
        var result = Read("base: &b\n  x: 1\n  y: 2\nc:\n  <<: *b\n  y: 3\n");

        var c = Assert.IsType<YamlMapping>(Root(result)["c"]);
        Assert.Equal(["x", "y"], c.Entries.Select(e => e.KeyText));
        Assert.Equal(("1", "3"), (Text(c["x"]), Text(c["y"])));
        Assert.Equal(["CB0117@5:3"], Codes(result));
    }

    [Fact]
    public void A_merge_key_may_define_its_anchor_in_place()
    {
        var result = Read("first:\n  <<: &shared\n    created_by: octocat\n  own: a\nsecond:\n  <<: *shared\n");

        Assert.Equal("octocat", Text(Assert.IsType<YamlMapping>(Root(result)["first"])["created_by"]));
        Assert.Equal("octocat", Text(Assert.IsType<YamlMapping>(Root(result)["second"])["created_by"]));
    }

    [Fact]
    public void A_list_of_merges_lets_the_earlier_mapping_win()
    {
        var result = Read("a: &a {x: 1, y: 2}\nb: &b {x: 7, z: 9}\nc:\n  <<: [*a, *b]\n");

        var c = Assert.IsType<YamlMapping>(Root(result)["c"]);
        // PyYAML: merged = b's entries then a's, later wins: x from a; dict order is first insertion (x, z, y).
        Assert.Equal(["x", "z", "y"], c.Entries.Select(e => e.KeyText));
        Assert.Equal(("1", "9", "2"), (Text(c["x"]), Text(c["z"]), Text(c["y"])));
    }

    [Fact]
    public void Merged_entries_keep_the_positions_of_the_anchor_s_lines()
    {
        var result = Read("defaults: &d\n  answer: yes\nseed:\n  <<: *d\n  question: Why?\n");

        var seed = Assert.IsType<YamlMapping>(Root(result)["seed"]);
        var answer = seed.Find("answer")!;
        Assert.Equal(new SourcePosition(2, 3), answer.Key.Start);
        Assert.Equal((new SourcePosition(2, 11), YamlScalarType.Boolean), (answer.Value.Start, ((YamlScalar)answer.Value).Type));
    }

    [Fact]
    public void Merged_content_counts_toward_the_alias_expansion_limit()
    {
        var result = Read("a: &a {x: 1, y: 2, z: 3}\nb:\n  <<: *a\nc:\n  <<: *a\n", YamlLimits.Default with { MaxExpandedNodes = 12 });

        Assert.Equal("CB0105", Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error).Id);
    }

    [Fact]
    public void A_quoted_merge_key_is_an_ordinary_key_and_merging_a_scalar_is_an_error()
    {
        var quoted = Read("c:\n  \"<<\": 1\n");
        var scalar = Read("c:\n  <<: 5\n");

        Assert.Equal(["<<"], Assert.IsType<YamlMapping>(Root(quoted)["c"]).Entries.Select(e => e.KeyText));
        Assert.Empty(quoted.Diagnostics);
        Assert.Equal(["CB0118@2:7"], Codes(scalar));
        Assert.Null(scalar.Document);
    }

    [Fact]
    public void A_double_quoted_value_continued_at_column_one_folds_as_pyyaml_folds_it()
    {
        var result = Read("seed_examples:\n  - answer: \"first\nsecond\n\nthird\"\n");

        Assert.Equal("first second\nthird", Text(Seed(result, 0)["answer"]));
        Assert.Equal(["CB0116@3:1", "CB0116@5:1"], Codes(result));
    }

    [Fact]
    public void An_opening_quote_alone_at_the_end_of_its_line_with_the_text_at_the_dash_s_column()
    {
        var result = Read("seed_examples:\n  - answer: \"\n  Mix the flour\n  and the water.\"\n    question: How?\n");

        // The line break after the opening quote folds into a space, as PyYAML does.
        Assert.Equal(" Mix the flour and the water.", Text(Seed(result, 0)["answer"]));
        Assert.Equal("How?", Text(Seed(result, 0)["question"]));
        Assert.Equal(["CB0116@3:1", "CB0116@4:1"], Codes(result));
    }

    [Fact]
    public void A_single_quoted_value_continued_left_of_its_key_is_warned_about_too()
    {
        var result = Read("seed_examples:\n  - answer: 'it''s\n  fine'\n");

        Assert.Equal("it's fine", Text(Seed(result, 0)["answer"]));
        Assert.Equal(["CB0116@3:1"], Codes(result));
    }

    [Fact]
    public void Continuation_lines_past_the_key_but_left_of_the_quote_are_fine_and_not_warned_about()
    {
        var result = Read("seed_examples:\n  - answer: \"one\n      two\n  three\"\n");

        Assert.Equal("one two three", Text(Seed(result, 0)["answer"]));
        Assert.Equal(["CB0116@4:1"], Codes(result));
    }

    [Fact]
    public void Escapes_in_a_repaired_double_quoted_value_are_kept()
    {
        var result = Read("a:\n  b: \"say \\\"hi\\\"\nnow\\tplease\"\n");

        Assert.Equal("say \"hi\" now\tplease", Text(Assert.IsType<YamlMapping>(Root(result)["a"])["b"]));
    }

    [Fact]
    public void Two_hundred_under_indented_lines_in_one_value_are_one_rewrite()
    {
        // More lines than the reader would rewrite one at a time (128).
        var lines = string.Concat(Enumerable.Range(1, 200).Select(i => $"line {i}\n"));
        var result = Read($"a:\n  b: \"{lines}end\"\n");

        Assert.Equal(string.Join(" ", Enumerable.Range(1, 200).Select(i => $"line {i}")) + " end", Text(Assert.IsType<YamlMapping>(Root(result)["a"])["b"]));
        Assert.Equal(200, result.Diagnostics.Count(d => d.Id == "CB0116"));
    }

    [Theory]
    [InlineData("a: |\n    \n      content\n      more\n", "\ncontent\nmore\n")]
    [InlineData("a: >\n  \n    folded\n    text\n", "\nfolded text\n")]
    [InlineData("a: |-\n  \n \n    kept\n", "\n\nkept")]
    public void A_block_scalar_whose_first_lines_hold_fewer_spaces_than_its_content_reads_them_as_line_breaks(string yaml, string expected)
    {
        var result = Read(yaml);

        Assert.Equal(expected, Text(Root(result)["a"]));
        Assert.Empty(result.Diagnostics); // valid YAML: nothing fragile to warn about
        Assert.Equal(yaml, result.Document!.Text);
    }
}
