using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Tests.Taxonomy;

public sealed class YamlScalarResolverTests
{
    [Theory]
    [InlineData("yes", YamlScalarType.Boolean)]
    [InlineData("No", YamlScalarType.Boolean)]
    [InlineData("on", YamlScalarType.Boolean)]
    [InlineData("OFF", YamlScalarType.Boolean)]
    [InlineData("true", YamlScalarType.Boolean)]
    [InlineData("", YamlScalarType.Null)]
    [InlineData("~", YamlScalarType.Null)]
    [InlineData("null", YamlScalarType.Null)]
    [InlineData("42", YamlScalarType.Integer)]
    [InlineData("-7", YamlScalarType.Integer)]
    [InlineData("0x1F", YamlScalarType.Integer)]
    [InlineData("1_000", YamlScalarType.Integer)]
    [InlineData("3.14", YamlScalarType.Float)]
    [InlineData("1e3", YamlScalarType.Float)]
    [InlineData(".inf", YamlScalarType.Float)]
    [InlineData("2024-01-01", YamlScalarType.Timestamp)]
    [InlineData("2024-01-01 10:00:00", YamlScalarType.Timestamp)]
    [InlineData("y", YamlScalarType.String)]
    [InlineData("hello", YamlScalarType.String)]
    [InlineData("What is 2 + 2?", YamlScalarType.String)]
    [InlineData("4 apples", YamlScalarType.String)]
    [InlineData("1.2.3", YamlScalarType.String)]
    public void Plain_scalars_are_typed_as_PyYAML_types_them(string text, YamlScalarType expected) =>
        Assert.Equal(expected, YamlScalarResolver.Resolve(text));

    [Fact]
    public void An_explicit_str_tag_makes_a_boolean_looking_value_text() =>
        Assert.Equal(YamlScalarType.String, YamlScalarResolver.ResolveTagged("tag:yaml.org,2002:str", "yes"));
}
