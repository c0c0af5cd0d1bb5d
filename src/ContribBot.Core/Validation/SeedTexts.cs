using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Validation;

/// <summary>Collects the text fields of a leaf's seed examples, for skills and knowledge alike, skipping non-text.</summary>
public static class SeedTexts
{
    public static IReadOnlyList<SeedText> Of(YamlMapping root)
    {
        var texts = new List<SeedText>();
        if (root["seed_examples"] is not YamlSequence seeds) return texts;
        for (var seed = 0; seed < seeds.Items.Count; seed++)
        {
            if (seeds.Items[seed] is not YamlMapping example) continue;
            Add(texts, example, "context", seed, null);
            Add(texts, example, "question", seed, null);
            Add(texts, example, "answer", seed, null);
            if (example["questions_and_answers"] is not YamlSequence pairs) continue;
            for (var pair = 0; pair < pairs.Items.Count; pair++)
            {
                if (pairs.Items[pair] is not YamlMapping qa) continue;
                Add(texts, qa, "question", seed, pair);
                Add(texts, qa, "answer", seed, pair);
            }
        }

        return texts;
    }

    private static void Add(List<SeedText> texts, YamlMapping mapping, string field, int seed, int? pair)
    {
        if (mapping[field] is YamlScalar { Type: YamlScalarType.String } scalar)
        {
            texts.Add(new SeedText(field, seed, pair, scalar));
        }
    }
}
