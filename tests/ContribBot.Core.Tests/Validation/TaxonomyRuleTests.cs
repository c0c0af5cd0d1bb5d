using ContribBot.Core.Taxonomy.Sources;
using ContribBot.Core.Validation;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Validation;

public sealed class TaxonomyRuleTests
{
    [Fact]
    public async Task A_quoted_version_is_not_an_integer_and_is_read_as_version_1()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("version: 3", "version: '3'"));

        Assert.Equal(["CB0401@1:10"], diagnostics.Codes());
        Assert.Equal("`version` must be a whole number such as 3, but is text; it is read as version 1", diagnostics[0].Message);
    }

    [Fact]
    public async Task A_version_without_a_schema_is_an_error_naming_the_known_ones()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.FreeformSkill.Replace("version: 3", "version: 4"));

        Assert.Equal(["CB0402@1:10"], diagnostics.Codes());
        Assert.Equal("there is no skill format version 4; known versions are 1, 2, 3", diagnostics[0].Message);
    }

    [Fact]
    public async Task Knowledge_below_version_3_is_no_longer_supported()
    {
        var diagnostics = await LeafCheck.RunAsync(SampleLeaves.Knowledge.Replace("version: 3", "version: 2"), "knowledge/science/moon");

        Assert.Equal(["CB0403@1:10"], diagnostics.Codes());
    }

    [Fact]
    public async Task Version_3_needs_an_attribution_file_and_it_must_not_be_empty()
    {
        Assert.Equal(["CB0404@1:1"], (await LeafCheck.RunAsync(SampleLeaves.FreeformSkill, attribution: AttributionState.Missing)).Codes());
        Assert.Equal(["CB0405@1:1"], (await LeafCheck.RunAsync(SampleLeaves.FreeformSkill, attribution: AttributionState.Empty)).Codes());
    }

    [Fact]
    public async Task Version_1_needs_no_attribution_file()
    {
        const string yaml = "created_by: someone\ntask_description: t\nseed_examples:\n  - question: q?\n    answer: a\n";

        Assert.Empty(await LeafCheck.RunAsync(yaml, attribution: AttributionState.Missing));
    }
}
