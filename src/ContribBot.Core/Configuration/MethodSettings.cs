namespace ContribBot.Core.Configuration;

/// <summary>
/// Evol-Instruct for skills (<c>evolve:</c>): from each seed question, <see cref="PerSeed"/> chains of in-depth
/// rewrites, each up to <see cref="Depth"/> steps long, and (with <see cref="Breadth"/>) as many new, rarer questions
/// of the same domain. A step's generation is its depth: step 1 is written from the human seed, step 2 from step 1.
/// </summary>
public sealed record EvolutionSettings(int Depth, bool Breadth, int PerSeed)
{
    public const int MaxDepth = 3;
}

/// <summary>
/// Critique and revise (<c>revise:</c>): a sample the critic scores below a threshold by at most <see cref="Margin"/>
/// on every failing score gets the critic's written reason and one revision of its answer by the teacher, judged again.
/// </summary>
public sealed record RevisionSettings(int Margin);

/// <summary>A voice knowledge is re-represented in (<c>represent:</c>), as Cosmopedia writes one text for many audiences.</summary>
public sealed record Voice(string Style, string Audience)
{
    public string Name => $"{Style} for {Audience}";
}
