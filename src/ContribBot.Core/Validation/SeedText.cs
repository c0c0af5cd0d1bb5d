using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Validation;

/// <summary>One piece of contributed seed text: which field, which seed example (and pair), and its node.</summary>
/// <param name="Seed">0-based index of the seed example.</param>
/// <param name="Pair">0-based index in <c>questions_and_answers</c> for knowledge, else null.</param>
public sealed record SeedText(string Field, int Seed, int? Pair, YamlScalar Node)
{
    public string Text => Node.Text;

    public string Describe() => Pair is { } pair
        ? $"question-and-answer pair {pair + 1} of seed example {Seed + 1}"
        : $"seed example {Seed + 1}";
}
