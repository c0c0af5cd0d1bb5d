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
    public void Unknown_codes_still_count_at_their_severity_and_known_ones_keep_their_descriptor()
    {
        var report = ReportJsonReader.Read("""
            {"diagnostics": [
              {"code": "CB9999", "severity": "error", "file": "a/qna.yaml", "line": 1, "column": 1, "message": "from a newer version"},
              {"code": "CB0203", "severity": "error", "file": "a/qna.yaml", "line": 6, "column": 13, "message": "m", "hint": "h"}]}
            """);

        Assert.Equal(2, report.ErrorCount);
        Assert.Equal(["CB0901", "CB0203"], report.Diagnostics.Select(d => d.Id));
        Assert.Contains("names code 'CB9999'", report.Diagnostics.First().Message, StringComparison.Ordinal);
        Assert.Contains("from a newer version", report.Diagnostics.First().Message, StringComparison.Ordinal);
        Assert.Equal("Wrong type", report.Diagnostics.Last().Descriptor.Title);
    }

    [Theory]
    [InlineData("a/b\\tc/qna.yaml")]
    [InlineData("a/\\u001b]0;title\\u0007/qna.yaml")]
    [InlineData("")]
    public void A_diagnostic_whose_path_cannot_be_shown_still_counts_and_its_path_shows_no_control_characters(string path)
    {
        var report = ReportJsonReader.Read($$"""
            {"diagnostics": [{"code": "CB0203", "severity": "error", "file": "{{path}}", "line": 1, "column": 1, "message": "m"}]}
            """);

        var diagnostic = Assert.Single(report.Diagnostics);
        Assert.Equal(1, report.ErrorCount);
        Assert.DoesNotContain(diagnostic.FilePath, char.IsControl);
        Assert.Contains('\uFFFD', diagnostic.FilePath);
        Assert.Contains("Validation failed", report.RenderMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlong_path_is_cut_and_still_counts()
    {
        var report = ReportJsonReader.Read($$"""{"diagnostics": [{"code": "CB0203", "severity": "warning", "file": "{{new string('a', 5000)}}/qna.yaml"}]}""");

        Assert.Equal(1, report.WarningCount);
        Assert.True(Assert.Single(report.Diagnostics).FilePath.Length <= 1025);
    }

    [Fact]
    public async Task A_stream_longer_than_the_limit_is_refused_with_a_reason_without_reading_it_all()
    {
        var huge = new MemoryStream();
        huge.Write("{\"diagnostics\": [], \"pad\": \""u8);
        huge.SetLength(ReportJsonReader.MaxBytes + 10);
        huge.Position = 0;

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReportJsonReader.ReadAsync(huge, CancellationToken.None));

        Assert.Equal("the report is more than 50 MiB", error.Message);
    }
}
