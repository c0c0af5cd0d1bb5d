using ContribBot.Testing;

namespace ContribBot.Core.Tests.Taxonomy;

/// <summary>What the reference loader refuses, we refuse too, at the line and column of the cause.</summary>
public sealed class LoaderStrictnessTests
{
    private static Task<IReadOnlyList<ContribBot.Core.Diagnostics.Diagnostic>> CheckAsync(string yaml) => LeafCheck.RunAsync(yaml);

    private static string WithVersion(string version) => SampleLeaves.FreeformSkill.Replace("version: 3", $"version: {version}", StringComparison.Ordinal);

    [Theory]
    [InlineData("!python/object:os.system 3", "CB0122@1:10")]
    [InlineData("!custom 3", "CB0122@1:10")]
    [InlineData("!!int abc", "CB0123@1:10")]
    [InlineData("!!seq 3", "CB0122@1:10")]
    public async Task Tags_the_reference_cannot_build_fail_the_file_where_they_stand(string version, string expected) =>
        Assert.Equal([expected], (await CheckAsync(WithVersion(version))).Codes());

    [Fact]
    public async Task A_tag_handle_from_a_tag_directive_is_an_unknown_tag()
    {
        var diagnostics = await CheckAsync("%TAG !e! tag:example.com,2024:\n---\n" + WithVersion("!e!version 3"));

        Assert.Equal(["CB0122@3:10"], diagnostics.Codes());
        Assert.Contains("tag:example.com,2024:version", diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_str_tag_on_a_list_is_refused()
    {
        var diagnostics = await CheckAsync(SampleLeaves.FreeformSkill.Replace("seed_examples:", "seed_examples: !!str", StringComparison.Ordinal));

        Assert.Equal("CB0122", Assert.Single(diagnostics).Id);
        Assert.Contains("!!str is for a single value, not a list", diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_data_is_never_text()
    {
        var diagnostics = await CheckAsync(SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: !!binary NA==", StringComparison.Ordinal));

        Assert.Equal("CB0203", Assert.Single(diagnostics).Id);
        Assert.Contains("binary data", diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x3")]
    [InlineData("0b11")]
    [InlineData("03")]
    public async Task A_version_in_another_base_is_read_as_its_value(string version) =>
        Assert.Empty(await CheckAsync(WithVersion(version)));

    [Theory]
    [InlineData("1:20", "there is no skill format version 1:20")]
    [InlineData("123456789012345678901234567890123456789012345678901", "there is no skill format version 1234567890")]
    public async Task A_version_past_every_schema_is_unsupported_never_read_as_one(string version, string message)
    {
        var diagnostic = Assert.Single((await CheckAsync(WithVersion(version))).Only("CB0402"));

        Assert.StartsWith(message, diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u0007", 2, 21)]
    [InlineData("\u007f", 2, 21)]
    [InlineData("\u009b", 2, 21)]
    [InlineData("\u001b[31m", 2, 21)]
    public async Task A_raw_control_character_fails_the_file_at_its_position(string control, int line, int column)
    {
        var diagnostics = await CheckAsync(SampleLeaves.FreeformSkill.Replace("created_by: octocat", $"created_by: octocat {control}", StringComparison.Ordinal));

        Assert.Equal([$"CB0121@{line}:{column}"], diagnostics.Codes());
    }

    [Fact]
    public async Task Tabs_line_breaks_and_escaped_controls_in_double_quotes_are_allowed() =>
        Assert.Empty(await CheckAsync(SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: \"4\\tfour\"", StringComparison.Ordinal)));
}
