using ContribBot.Core.Taxonomy;
using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Generation;

/// <summary>
/// What generation needs from a valid leaf: its identity, the task (skills) or domain and outline (knowledge), the
/// seed examples, and for knowledge the text of its resolved documents.
/// </summary>
public sealed record LeafSeeds(Leaf Leaf, string FilePath, string TaskDescription, IReadOnlyList<SeedExample> Examples)
{
    public string Domain { get; init; } = string.Empty;

    public string DocumentOutline { get; init; } = string.Empty;

    /// <summary>Knowledge only: the resolved document files' text, in pattern order.</summary>
    public IReadOnlyList<string> Documents { get; init; } = [];

    public LeafKind Kind => Leaf.Kind;

    public string Path => Leaf.Path.Value;

    /// <summary>Every seed question and answer, for the duplicate and copying checks.</summary>
    public IEnumerable<SeedPair> AllPairs => Examples.SelectMany(example => example.Pairs);

    /// <summary>Reads the seeds of a leaf the validator accepted; fields of the wrong type are skipped (validation said so).</summary>
    public static LeafSeeds From(Leaf leaf, string filePath, YamlMapping root)
    {
        var examples = new List<SeedExample>();
        if (root["seed_examples"] is YamlSequence seeds)
        {
            foreach (var item in seeds.Items.OfType<YamlMapping>())
            {
                var context = Text(item, "context");
                var pairs = item["questions_and_answers"] is YamlSequence qas
                    ? qas.Items.OfType<YamlMapping>().Select(qa => new SeedPair(Text(qa, "question"), Text(qa, "answer"))).ToList()
                    : [new SeedPair(Text(item, "question"), Text(item, "answer"))];
                examples.Add(new SeedExample(context.Length == 0 ? null : context, pairs.Where(pair => pair.Question.Length > 0).ToList()));
            }
        }

        return new LeafSeeds(leaf, filePath, Text(root, "task_description"), examples.Where(example => example.Pairs.Count > 0).ToList())
        {
            Domain = Text(root, "domain"),
            DocumentOutline = Text(root, "document_outline"),
        };
    }

    private static string Text(YamlMapping mapping, string key) =>
        mapping[key] is YamlScalar { Type: YamlScalarType.String } scalar ? scalar.Text.Trim() : string.Empty;
}

/// <summary>One seed example: its context (grounded skills, knowledge) and its question-and-answer pairs (one for skills).</summary>
public sealed record SeedExample(string? Context, IReadOnlyList<SeedPair> Pairs);

public sealed record SeedPair(string Question, string Answer);
