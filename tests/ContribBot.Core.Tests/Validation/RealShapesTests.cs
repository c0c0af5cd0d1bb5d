using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Validation;

/// <summary>
/// A taxonomy of our own leaves in the shapes real contributions take (version 1, 2 and 3 skills, foundational skills,
/// version 3 knowledge; organisations as authors, block and folded answers, flow sequences, comments, trailing spaces
/// and missing final newlines in version 1, merge keys and under-indented quoted lines; chat logs with timestamps, sums
/// and digit strings a question is about, which are not personal data; a grounded skill asking one instruction of
/// many passages, which is not a repeated question), each with the verdict the
/// taxonomy's CI would give and every diagnostic we report. This is the self-contained stand-in for the corpus suite.
/// </summary>
public sealed class RealShapesTests
{
    private static readonly string Root = Path.Combine(RepositoryPaths.Root, "tests", "ContribBot.Core.Tests", "Validation", "RealShapes");

    private static readonly Lazy<Task<ValidationReport>> Report = new(async () =>
    {
        var validator = await TaxonomyValidator.CreateAsync(ValidationOptions.Default, CancellationToken.None);
        return await validator.ValidateAsync([Root], null, CancellationToken.None);
    });

    public static TheoryData<string, bool, string> Expected()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var line in File.ReadLines(Root + ".expected.tsv").Where(line => line.Length > 0 && !line.StartsWith('#')))
        {
            var parts = line.Split('\t');
            data.Add(parts[0], parts[1] == "valid", parts.Length > 2 ? parts[2] : string.Empty);
        }

        return data;
    }

    [Fact]
    public async Task The_whole_tree_is_every_leaf_listed()
    {
        var report = await Report.Value;

        var listed = Expected().Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        Assert.Equal(listed, report.Files.Select(f => f.File.RelativePath).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task Each_leaf_gets_its_verdict_and_exactly_its_diagnostics(string path, bool valid, string codes)
    {
        var file = Assert.Single((await Report.Value).Files, f => f.File.RelativePath == path);

        Assert.Equal(valid, !file.HasErrors);
        Assert.Equal(codes, string.Join(' ', file.Diagnostics.Select(d => $"{d.Id}@{d.Position.Line}:{d.Position.Column}")));
    }

    [Fact]
    public async Task The_merged_seed_and_the_repaired_answers_read_as_the_reference_reads_them()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Root, "compositional_skills/cooking/bread/qna.yaml"));

        var seeds = (YamlSequence)((YamlMapping)YamlReader.Read("qna.yaml", text, YamlLimits.Default).Document!.Root!)["seed_examples"]!;

        var merged = (YamlMapping)seeds.Items[1];
        Assert.Equal(["question", "answer"], merged.Entries.Select(e => e.KeyText));
        Assert.Equal("How long does a sourdough loaf rise?", ((YamlScalar)merged["question"]!).Text);
        Assert.Equal("Until it has doubled in size, usually one to two hours.", ((YamlScalar)merged["answer"]!).Text);
        Assert.Equal(" Kneading builds gluten, which traps the gas and lets the loaf rise.", ((YamlScalar)((YamlMapping)seeds.Items[2])["answer"]!).Text);
    }

    [Fact]
    public async Task A_block_answer_after_a_short_blank_line_reads_with_a_leading_line_break()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Root, "compositional_skills/cooking/soup/qna.yaml"));

        var seeds = (YamlSequence)((YamlMapping)YamlReader.Read("qna.yaml", text, YamlLimits.Default).Document!.Root!)["seed_examples"]!;

        Assert.Equal("\nA clear liquid in which meat, fish or vegetables\nhave been simmered.\n", ((YamlScalar)((YamlMapping)seeds.Items[0])["answer"]!).Text);
    }
}
