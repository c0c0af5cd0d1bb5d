using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Generation.Planning;

/// <summary>
/// Enumerates a leaf's generation units. A full build does every unit once: each seed (knowledge: each chunk with each
/// seed) for as many draws as the build's scale asks. Units come draw by draw, so the first ones spread over all seeds
/// and chunks; a preview takes them in the same order, which makes it the start of the build's own work.
/// </summary>
public sealed record WorkPlan(LeafKind Kind, int Seeds, int Chunks, GenerationSettings Settings)
{
    public static WorkPlan For(GenerationInput input, GenerationSettings settings) =>
        new(input.Seeds.Kind, input.Seeds.Examples.Count, input.Chunks.Count, settings);

    /// <summary>Drafts one unit asks for: questions (skills) or question-and-answer pairs (knowledge).</summary>
    public int SamplesPerUnit => Kind switch
    {
        LeafKind.Knowledge => Settings.PairsPerCall,
        LeafKind.GroundedSkill => Settings.QuestionsPerContext,
        _ => Settings.QuestionsPerCall,
    };

    /// <summary>The (seed, chunk) places a draw visits: every seed, or for knowledge every chunk with every seed.</summary>
    public int Places => Kind == LeafKind.Knowledge ? Chunks * Seeds : Seeds;

    /// <summary>A full build's draws per place: enough for the scale factor (freeform), the contexts per seed (grounded), one (knowledge).</summary>
    public int BuildDraws => Kind switch
    {
        LeafKind.Knowledge => 1,
        LeafKind.GroundedSkill => Settings.FullBuildContextsPerSeed,
        _ => (Settings.FullBuildSamplesPerSeed + Settings.QuestionsPerCall - 1) / Settings.QuestionsPerCall,
    };

    public long BuildUnitCount => (long)Places * BuildDraws;

    /// <summary>Samples a full build drafts (before filtering).</summary>
    public long BuildSamples => BuildUnitCount * SamplesPerUnit;

    /// <summary>Every unit of a full build, in order.</summary>
    public IEnumerable<GenerationUnit> Build() => InOrder().Take(checked((int)BuildUnitCount));

    /// <summary>
    /// Units in the order runs take them, without end: draw 0 at every place, then draw 1, and so on. A preview reads
    /// as far as its budget goes, which may be past the build's draws for a leaf with few seeds.
    /// </summary>
    public IEnumerable<GenerationUnit> InOrder()
    {
        if (Places == 0) yield break;
        for (var draw = 0; ; draw++)
        {
            for (var place = 0; place < Places; place++) yield return At(place, draw);
        }
    }

    /// <summary>
    /// Knowledge places go chunk by chunk with the seed shifted by one per pass (chunk c meets seed (c + pass) mod S),
    /// so the first C units use C different chunks and different seeds, and every chunk meets every seed once.
    /// </summary>
    private GenerationUnit At(int place, int draw)
    {
        if (Kind != LeafKind.Knowledge) return new GenerationUnit(place, null, draw);
        var chunk = place % Chunks;
        var pass = place / Chunks;
        return new GenerationUnit((chunk + pass) % Seeds, chunk, draw);
    }
}
