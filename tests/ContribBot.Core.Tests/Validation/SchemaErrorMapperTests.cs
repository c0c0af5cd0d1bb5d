using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation.Schema;

namespace ContribBot.Core.Tests.Validation;

public sealed class SchemaErrorMapperTests
{
    [Fact]
    public void A_violation_without_a_dedicated_code_is_still_reported_at_its_node()
    {
        var schema = LeafSchema.Parse("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"domain":{"type":"string","maxLength":3}}}""");
        var root = (YamlMapping)YamlReader.Read("/t/qna.yaml", "domain: astronomy\n", YamlLimits.Default).Document!.Root!;
        using var document = YamlToJson.ToDocument(root);
        var json = document.RootElement;

        var diagnostic = Assert.Single(new SchemaErrorMapper("/t/qna.yaml", root, schema, json).Map(schema.Evaluate(json)!));

        Assert.Equal(("CB0207", 1, 9), (diagnostic.Id, diagnostic.Position.Line, diagnostic.Position.Column));
        Assert.Equal("`domain`: text too long", diagnostic.Message);
    }

    [Theory]
    [InlineData(1, "", false)]
    [InlineData(1, "a", true)]
    [InlineData(2, "\U0001F600", false)] // one code point, two UTF-16 units
    [InlineData(2, "\U0001F600a", true)]
    [InlineData(3, "abc", true)]
    public void MinLength_counts_code_points_as_JSON_Schema_defines_it(int minimum, string text, bool valid)
    {
        var schema = LeafSchema.Parse($$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"string","minLength":{{minimum}}}""");
        using var instance = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(text));

        Assert.Equal(valid, schema.Evaluate(instance.RootElement) is null);
    }

    [Fact]
    public void A_schema_in_another_dialect_is_refused_rather_than_read_differently()
    {
        var error = Assert.Throws<Json.Schema.JsonSchemaException>(() => LeafSchema.Parse("""{"$schema":"http://json-schema.org/draft-07/schema#","type":"object"}"""));

        Assert.Contains("2020-12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_strings_given_as_digests_keep_emptiness_types_and_duplicates_as_written()
    {
        var schemas = await SchemaSet.LoadAsync(CancellationToken.None);
        var schema = schemas.For(ContribBot.Core.Taxonomy.SchemaKind.Skills, 3)!;
        var answer = new string('x', YamlToJson.DigestAbove + 10);
        var yaml = $"version: 3\ncreated_by: octocat\ntask_description: t\nseed_examples:\n" +
                   string.Concat(Enumerable.Range(1, 4).Select(i => $"  - question: q{i}\n    answer: {answer}{i}\n")) +
                   $"  - question: q1\n    answer: {answer}1\n";
        var root = (YamlMapping)YamlReader.Read("/t/qna.yaml", yaml, YamlLimits.Default).Document!.Root!;

        using var written = YamlToJson.ToDocument(root);
        using var digested = YamlToJson.ToDocument(root, digestLongStrings: true);

        Assert.False(schema.ReadsStringContent);
        var asWritten = new SchemaErrorMapper("/t/qna.yaml", root, schema, written.RootElement).Map(schema.Evaluate(written.RootElement)!).Select(d => $"{d.Id} {d.Message}");
        var asDigests = new SchemaErrorMapper("/t/qna.yaml", root, schema, digested.RootElement).Map(schema.Evaluate(digested.RootElement)!).Select(d => $"{d.Id} {d.Message}");
        Assert.Equal(asWritten, asDigests);
        Assert.Contains("CB0206 Seed example 5 is the same as seed example 1 (line 5); items must be distinct", asDigests);
    }

    [Fact]
    public void A_schema_that_reads_string_content_gets_strings_as_written()
    {
        var schema = LeafSchema.Parse("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"a":{"type":"string","maxLength":3}}}""");

        Assert.True(schema.ReadsStringContent);
    }
}
