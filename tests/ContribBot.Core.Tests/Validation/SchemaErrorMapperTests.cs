using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation.Schema;
using NJsonSchema;

namespace ContribBot.Core.Tests.Validation;

public sealed class SchemaErrorMapperTests
{
    [Fact]
    public async Task A_violation_without_a_dedicated_code_is_still_reported_at_its_node()
    {
        var schema = await JsonSchema.FromJsonAsync("""{"type":"object","properties":{"domain":{"type":"string","maxLength":3}}}""");
        var root = (YamlMapping)YamlReader.Read("/t/qna.yaml", "domain: astronomy\n", YamlLimits.Default).Document!.Root!;
        var json = YamlToJson.Convert(root);

        var diagnostic = Assert.Single(new SchemaErrorMapper("/t/qna.yaml", root, schema, json).Map(schema.Validate(json)));

        Assert.Equal(("CB0207", 1, 9), (diagnostic.Id, diagnostic.Position.Line, diagnostic.Position.Column));
        Assert.Equal("`domain`: string too long", diagnostic.Message);
    }
}
