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
        Assert.Equal(YamlScalarType.String, YamlScalarResolver.TypeOfTag("tag:yaml.org,2002:str"));

    [Theory]
    [InlineData("3", "3")]
    [InlineData("0x3", "3")]
    [InlineData("0b11", "3")]
    [InlineData("03", "3")]
    [InlineData("1:20", "80")]
    [InlineData("-1_000", "-1000")]
    [InlineData("123456789012345678901234567890123456789012345678901", "123456789012345678901234567890123456789012345678901")]
    public void Integers_are_read_in_every_YAML_1_1_form_and_any_size(string text, string expected)
    {
        Assert.True(YamlScalarResolver.TryInteger(text, out var value));
        Assert.Equal(expected, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(YamlScalarType.Integer, "abc", false)]
    [InlineData(YamlScalarType.Integer, "0x1F", true)]
    [InlineData(YamlScalarType.Float, "2", true)]
    [InlineData(YamlScalarType.Float, "two", false)]
    [InlineData(YamlScalarType.Boolean, "Yes", true)]
    [InlineData(YamlScalarType.Boolean, "maybe", false)]
    [InlineData(YamlScalarType.Binary, "aGVsbG8=", true)]
    [InlineData(YamlScalarType.Binary, "not base64!", false)]
    [InlineData(YamlScalarType.Timestamp, "2024-07-01", true)]
    [InlineData(YamlScalarType.Timestamp, "July", false)]
    public void A_tagged_value_must_be_one_the_tags_type_can_hold(YamlScalarType type, string text, bool can) =>
        Assert.Equal(can, YamlScalarResolver.CanBe(type, text));
}
