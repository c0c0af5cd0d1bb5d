using ContribBot.Core.Reports.Preview;

namespace ContribBot.Core.Tests.Reports;

/// <summary>report.json may come from a fork's workflow run: reading it never fails in any other way than saying why.</summary>
public sealed class ReportJsonReaderTests
{
    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"summary\": {}}")]
    [InlineData("{\"diagnostics\": ")]
    public void Something_that_is_not_a_report_is_refused_with_a_reason(string json) =>
        Assert.NotEmpty(Assert.Throws<InvalidDataException>(() => ReportJsonReader.Read(json)).Message);

    [Fact]
    public void Deep_nesting_is_refused_rather_than_recursed_into() =>
        Assert.Throws<InvalidDataException>(() => ReportJsonReader.Read("{\"diagnostics\": " + new string('[', 10_000) + new string(']', 10_000) + "}"));

    [Theory]
    [InlineData("""{"diagnostics": [], "preview": {}, "leaves": [{}]}""")]
    [InlineData("""{"diagnostics": [{"code": 5}], "preview": {"usage": []}, "leaves": [{"samples": [{"scores": 3, "provenance": "x"}], "quality": {"nearestSeed": 1, "scores": {"a": 2}}}]}""")]
    [InlineData("""{"diagnostics": [{"code": "CB0203", "file": "a/qna.yaml", "line": -5, "column": 1e300, "message": null}], "files": "nope"}""")]
    [InlineData("""{"diagnostics": {}, "dryRun": true, "leaves": [{"calls": [{"promptTokens": "many"}]}]}""")]
    public void Missing_or_mistyped_fields_read_as_empty_and_still_render(string json)
    {
        var report = ReportJsonReader.Read(json);

        Assert.NotEmpty(report.RenderMarkdown());
        Assert.All(report.Diagnostics, d => Assert.True(d.Position.Line >= 1));
    }

    [Fact]
    public void Unknown_codes_are_dropped_and_known_ones_keep_their_descriptor()
    {
        var report = ReportJsonReader.Read("""
            {"diagnostics": [
              {"code": "CB9999", "severity": "error", "file": "a/qna.yaml", "line": 1, "column": 1, "message": "forged"},
              {"code": "CB0203", "severity": "error", "file": "a/qna.yaml", "line": 6, "column": 13, "message": "m", "hint": "h"}]}
            """);

        var diagnostic = Assert.Single(report.Diagnostics);
        Assert.Equal("Wrong type", diagnostic.Descriptor.Title);
        Assert.Equal(1, report.ErrorCount);
    }
}
