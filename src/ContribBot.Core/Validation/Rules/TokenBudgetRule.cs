using ContribBot.Core.Diagnostics;
using ContribBot.Core.Text;

namespace ContribBot.Core.Validation.Rules;

/// <summary>
/// Seed text that will not fit the teacher's prompt next to its instructions (see <see cref="SeedTokenBudget"/>),
/// judged from <see cref="TokenEstimator"/>'s estimate.
/// </summary>
public sealed class TokenBudgetRule : ILeafRule
{
    public static readonly DiagnosticDescriptor ExampleTooLong = new(
        "CB0506", "Seed example too long", "{0} is about {1:N0} tokens (estimated); the budget per seed example is {2:N0}",
        Severity.Warning, "Shorten the context or answer; long seeds are truncated or crowd out the generated output.",
        DiagnosticCategory.Quality);

    public static readonly DiagnosticDescriptor SeedsTooLong = new(
        "CB0507", "Seed examples too long in total", "the seed examples are about {0:N0} tokens in all (estimated); the budget is {1:N0}",
        Severity.Warning, "Shorten the seed examples; the teacher sees them in every call.", DiagnosticCategory.Quality);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        var budget = leaf.Options.TokenBudget;
        var total = 0;
        var seeds = leaf.Seeds;
        for (var start = 0; start < seeds.Count;)
        {
            // The fields of one seed example are consecutive; the prompt puts them on lines of their own.
            var end = start;
            var tokens = 0;
            while (end < seeds.Count && seeds[end].Seed == seeds[start].Seed)
            {
                tokens += TokenEstimator.Estimate(seeds[end].Text) + (end > start ? 1 : 0);
                end++;
            }

            total += tokens;
            if (tokens > budget.PerExample)
            {
                yield return ExampleTooLong.At(leaf.FilePath, seeds[start].Node.Start, $"seed example {seeds[start].Seed + 1}", tokens, budget.PerExample);
            }

            start = end;
        }

        if (total > budget.Total)
        {
            var position = leaf.Root.Find("seed_examples")?.Key.Start ?? SourcePosition.FileStart;
            yield return SeedsTooLong.At(leaf.FilePath, position, total, budget.Total);
        }
    }
}
