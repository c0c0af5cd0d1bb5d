using System.Text.Json;
using ContribBot.Core.Reports;
using ContribBot.Core.Validation;
using ContribBot.Testing;
using Json.Schema;

namespace ContribBot.Core.Tests.Reports;

/// <summary>Each format rendered from the same small taxonomy, checked against golden files committed beside this test.</summary>
public sealed class ReportRendererTests : IDisposable
{
    private readonly TaxonomyFixture _taxonomy = new();

    public void Dispose() => _taxonomy.Dispose();

    private async Task<(ValidationReport Report, ReportContext Context)> SampleAsync()
    {
        _taxonomy.WriteLeaf("compositional_skills/writing/good", SampleLeaves.FreeformSkill);
        _taxonomy.WriteLeaf("compositional_skills/writing/has, comma: colon", SampleLeaves.FreeformSkill
            .Replace("created_by: octocat", "created_by: \"@org/team <img src=x onerror=alert(1)>\"")
            .Replace("answer: \"4\"", "answer: yes")
            .Replace("task_description: Answer arithmetic questions.", "task_description: Answer arithmetic questions.  "));
        _taxonomy.WriteLeaf("knowledge/science/moon", SampleLeaves.Knowledge.Replace("commit: 5974ca271902332b633b1d86dc05408245d6d4c7", "commit: main"), attribution: null);
        var validator = await TaxonomyValidator.CreateAsync(ValidationOptions.Default, CancellationToken.None);
        var report = await validator.ValidateAsync([_taxonomy.Root], null, CancellationToken.None);
        return (report, new ReportContext(_taxonomy.Root));
    }

    [Theory]
    [InlineData(ReportFormat.Text, "report.txt")]
    [InlineData(ReportFormat.Json, "report.json")]
    [InlineData(ReportFormat.Sarif, "report.sarif")]
    [InlineData(ReportFormat.GitHub, "report.github.txt")]
    [InlineData(ReportFormat.Markdown, "report.md")]
    public async Task Each_format_matches_its_golden_file(ReportFormat format, string golden)
    {
        var (report, context) = await SampleAsync();

        Golden.Match(ReportRenderer.Render(format, report, context), golden);
    }

    [Fact]
    public async Task Paths_are_shown_relative_to_the_current_directory_like_a_compiler()
    {
        var (report, _) = await SampleAsync();

        var text = TextReportRenderer.Render(report, new ReportContext(Path.GetDirectoryName(_taxonomy.Root)!));

        var folder = Path.GetFileName(_taxonomy.Root);
        Assert.Contains($"{folder}/knowledge/science/moon/qna.yaml(1,1): error CB0404: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Colour_is_added_only_when_asked_for()
    {
        var (report, context) = await SampleAsync();

        Assert.DoesNotContain("\u001b[", TextReportRenderer.Render(report, context), StringComparison.Ordinal);
        Assert.Contains("\u001b[31;1merror\u001b[0m", TextReportRenderer.Render(report, context with { Color = true }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sarif_output_is_valid_against_the_SARIF_2_1_0_schema()
    {
        var schemaPath = Path.Combine(RepositoryPaths.Root, ".cache", "sarif", "sarif-schema-2.1.0.json");
        Assert.True(File.Exists(schemaPath), $"{schemaPath} is missing: run ./test.sh, which fetches it.");
        var schema = SarifSchema(schemaPath);
        var (report, context) = await SampleAsync();
        var sarif = SarifReportRenderer.Render(report, context);
        using var document = JsonDocument.Parse(sarif);

        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.Equal(report.Diagnostics.Count(), results.GetArrayLength());
    }

    [Fact]
    public void The_schema_check_rejects_a_broken_sarif_log()
    {
        var schemaPath = Path.Combine(RepositoryPaths.Root, ".cache", "sarif", "sarif-schema-2.1.0.json");
        Assert.True(File.Exists(schemaPath), $"{schemaPath} is missing: run ./test.sh, which fetches it.");
        using var broken = JsonDocument.Parse("""{"version":"2.1.0","runs":[{"results":[{"level":"fatal"}]}]}""");

        Assert.False(SarifSchema(schemaPath).Evaluate(broken.RootElement).IsValid);
    }

    /// <summary>
    /// The official SARIF 2.1.0 schema, built into a registry of its own. It is written in draft-04, which JsonSchema.Net
    /// 8 no longer reads; it uses nothing whose meaning changed by draft-07 (no boolean exclusiveMinimum/Maximum; its
    /// top-level <c>id</c> is draft-07's <c>$id</c>), so it is read as draft-07 and checks the same constraints.
    /// </summary>
    private static JsonSchema SarifSchema(string path)
    {
        var text = File.ReadAllText(path)
            .Replace("\"$schema\": \"http://json-schema.org/draft-04/schema#\"", "\"$schema\": \"http://json-schema.org/draft-07/schema#\"", StringComparison.Ordinal);
        var draft7 = System.Text.RegularExpressions.Regex.Replace(text, "^(\\{\\s*\"\\$schema\": \"[^\"]*\",\\s*\"title\": \"[^\"]*\",\\s*)\"id\":", "$1\"$id\":");
        Assert.NotEqual(text, draft7); // the top-level id was found and renamed
        return JsonSchema.FromText(draft7, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    [Theory]
    [InlineData("100% done", "100%25 done")]
    [InlineData("line one\r\nline two", "line one%0D%0Aline two")]
    public void GitHub_message_data_is_escaped_as_the_runner_decodes_it(string raw, string escaped) =>
        Assert.Equal(escaped, GitHubReportRenderer.EscapeData(raw));

    [Fact]
    public void GitHub_property_values_also_escape_colons_and_commas() =>
        Assert.Equal("a%3Ab%2Cc%25%0A", GitHubReportRenderer.EscapeProperty("a:b,c%\n"));

    [Theory]
    [InlineData("@org/team please look", "@\u200Borg/team please look")]
    [InlineData("<img src=x onerror=alert(1)>", "\\<img src\\=x onerror\\=alert\\(1\\)\\>")]
    [InlineData("![x](http://evil/p.png)", "\\!\\[x\\]\\(http\\://evil/p\\.png\\)")]
    [InlineData("[link](javascript:alert(1))", "\\[link\\]\\(javascript\\:alert\\(1\\)\\)")]
    [InlineData("a | b\n```", "a \\| b \\`\\`\\`")]
    public void Untrusted_text_is_inert_in_markdown(string raw, string escaped) =>
        Assert.Equal(escaped, MarkdownText.Escape(raw));
}
