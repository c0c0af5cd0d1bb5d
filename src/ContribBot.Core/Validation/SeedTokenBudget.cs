namespace ContribBot.Core.Validation;

/// <summary>
/// How many teacher tokens seed text may take. Each generation call carries seed examples as in-context examples next
/// to the instructions (and, for knowledge, a document chunk of ~500 tokens) and leaves room for up to 4,096 tokens of
/// output; on an 8k-context teacher, a seed example over ~2,000 tokens, or seeds over ~8,000 in all, crowd it out.
/// </summary>
public sealed record SeedTokenBudget(int PerExample, int Total)
{
    public static SeedTokenBudget Default { get; } = new(PerExample: 2_048, Total: 8_192);
}
