using System.Text.Json;
using System.Text.RegularExpressions;
using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Core.Quality;
using ContribBot.Core.Reports;
using ContribBot.Core.Reports.Preview;
using ContribBot.Core.Taxonomy;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Tests.Reports;

public sealed partial class PreviewReportTests
{
    private const string Hostile =
        "Ping @org/team and @octocat! <img src=x onerror=alert(1)> ![x](http://evil.example/p.png) [link](javascript:alert(1)) " +
        "<details><summary>fake</summary> | a | b | \n```\nunbalanced fence\n<!-- hidden --> <script>alert(2)</script>";

    [Fact]
    public void Hostile_contributed_and_generated_text_is_inert_in_the_markdown()
    {
        var markdown = PreviewMarkdownRenderer.Render(NoFindings, Result(), new ReportContext("/"));

        Assert.Contains("Ping", markdown, StringComparison.Ordinal); // the sample is shown…
        Assert.DoesNotMatch(@"@(org|octocat)", markdown); // …but mentions notify no one,
        Assert.DoesNotMatch(@"(?<!\\)<(img|script|!--)", markdown); // no raw HTML (a backslash-escaped '<' is text),
        Assert.Contains(@"\<img src\=x", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("![", markdown, StringComparison.Ordinal); // no images,
        Assert.DoesNotContain("](", markdown, StringComparison.Ordinal); // no links,
        Assert.DoesNotContain("\n```\nunbalanced", markdown, StringComparison.Ordinal); // no fence of theirs,
        // and exactly our own <details> sections: one per leaf, balanced.
        Assert.Equal(1, Regex.Count(markdown, "<details>"));
        Assert.Equal(Regex.Count(markdown, "<details>"), Regex.Count(markdown, "</details>"));
        // Fences are ours alone (the Mermaid chart): balanced.
        Assert.Equal(0, Regex.Count(markdown, "^```", RegexOptions.Multiline) % 2);
    }

    [Fact]
    public void Table_rows_keep_their_columns_whatever_the_leaf_path_holds()
    {
        var markdown = PreviewMarkdownRenderer.Render(NoFindings, Result("knowledge/a|b`c"), new ReportContext("/"));

        var table = markdown.Split('\n').SkipWhile(line => !line.StartsWith("| Leaf", StringComparison.Ordinal)).TakeWhile(line => line.StartsWith('|')).ToList();
        Assert.Equal(3, table.Count);
        Assert.All(table, row => Assert.Equal(10, UnescapedPipes().Count(row)));
    }

    [Fact]
    public void The_chart_shows_outcomes_by_reason_and_nothing_contributed()
    {
        var markdown = PreviewMarkdownRenderer.Render(NoFindings, Result(), new ReportContext("/"));

        var chart = markdown[markdown.IndexOf("```mermaid", StringComparison.Ordinal)..];
        chart = chart[..(chart.IndexOf("```\n", 10, StringComparison.Ordinal) + 3)];
        Assert.Contains("\"kept\" : 1", chart, StringComparison.Ordinal);
        Assert.Contains("\"low-score:relevancy\" : 1", chart, StringComparison.Ordinal);
        Assert.DoesNotContain("Ping", chart, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_json_lists_each_leaf_with_its_samples_their_outcome_and_scores()
    {
        using var json = JsonDocument.Parse(PreviewJsonRenderer.Render(NoFindings, Result(), new ReportContext("/")));

        var root = json.RootElement;
        Assert.False(root.GetProperty("dryRun").GetBoolean());
        Assert.Equal("complete", root.GetProperty("preview").GetProperty("status").GetString());
        var leaf = root.GetProperty("leaves")[0];
        Assert.Equal("knowledge/science/moon", leaf.GetProperty("path").GetString());
        Assert.Equal("knowledge", leaf.GetProperty("kind").GetString());
        var samples = leaf.GetProperty("samples");
        Assert.Equal(2, samples.GetArrayLength());
        Assert.True(samples[0].GetProperty("kept").GetBoolean());
        Assert.Equal(JsonValueKind.Null, samples[0].GetProperty("dropReason").ValueKind);
        Assert.Equal(Hostile, samples[0].GetProperty("question").GetString()); // JSON keeps the text as it was
        Assert.Equal("low-score:relevancy", samples[1].GetProperty("dropReason").GetString());
        Assert.Equal(1, samples[1].GetProperty("scores").GetProperty("relevancy").GetDouble());
        Assert.Equal(1, leaf.GetProperty("quality").GetProperty("kept").GetInt32());
        Assert.True(root.GetProperty("diagnostics").ValueKind == JsonValueKind.Array);
    }

    [Fact]
    public void Samples_jsonl_has_one_chat_record_per_sample_with_its_metadata()
    {
        var lines = SamplesJsonlRenderer.Render(Result()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var messages = first.RootElement.GetProperty("messages");
        Assert.Equal("user", messages[0].GetProperty("role").GetString());
        Assert.Equal(Hostile, messages[0].GetProperty("content").GetString());
        Assert.Equal("assistant", messages[1].GetProperty("role").GetString());
        var metadata = first.RootElement.GetProperty("metadata");
        Assert.True(metadata.GetProperty("kept").GetBoolean());
        Assert.Equal("teacher", metadata.GetProperty("teacherModel").GetString());
        Assert.Equal("knowledge-pairs.v1@abc", metadata.GetProperty("prompts")[0].GetString());
    }

    [Fact]
    public void Line_breaks_in_samples_survive_as_lines_of_the_quote()
    {
        var result = Result();
        var leaf = result.Leaves[0];
        var multiline = leaf.Samples[1] with { Answer = "First line.\n\nSecond line\\" };
        var markdown = PreviewMarkdownRenderer.Render(NoFindings, result with { Leaves = [leaf with { Samples = [leaf.Samples[0], multiline] }] }, new ReportContext("/"));

        Assert.Contains("> **A:** First line\\.\\\n> Second line\\\\\n\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interrupted_run_says_so_at_the_top()
    {
        var markdown = PreviewMarkdownRenderer.Render(NoFindings, Result() with { Status = PreviewStatus.Interrupted, StatusMessage = "interrupted" }, new ReportContext("/"));

        Assert.Contains("> [!WARNING]\n> Preview interrupted", markdown, StringComparison.Ordinal);
    }

    private static readonly ValidationReport NoFindings = new([], []);

    private static PreviewResult Result(string path = "knowledge/science/moon")
    {
        var seeds = new LeafSeeds(new Leaf(new TaxonomyPath(path), LeafKind.Knowledge, 3, "b", "c"), "/t/" + path + "/qna.yaml", string.Empty,
            [new SeedExample(Hostile, [new SeedPair("What is the Moon?", "A satellite.")])]);
        var provenance = new SampleProvenance(path, "b", "c", 0, 0, "teacher", "critic", ["knowledge-pairs.v1@abc"]);
        Sample[] samples =
        [
            new(Hostile, Hostile, true, null) { Context = Hostile, Provenance = provenance, Scores = Scores(("faithfulness", 1), ("relevancy", 2)) },
            new("What lights the Moon at night?", Hostile, false, "low-score:relevancy") { Provenance = provenance, Scores = Scores(("relevancy", 1)) },
        ];
        var usage = new TokenUsage(4, 0, 800, 200, 800, 1000);
        var quality = QualityCalculator.Leaf(seeds, samples, usage, 1, GenerationSettings.Default);
        return new PreviewResult([new LeafPreview(seeds, 1, samples, quality, null)], PreviewStatus.Complete, null,
            "teacher", "critic", new UsageSnapshot(4, 4, 0, 0, 800, 200), GenerationSettings.Default);
    }

    private static SortedDictionary<string, double> Scores(params (string Name, double Value)[] scores) =>
        new(scores.ToDictionary(s => s.Name, s => s.Value), StringComparer.Ordinal);

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipes();
}
