namespace ContribBot.Core.Taxonomy;

/// <summary>What a leaf teaches, which decides the generation pipeline later on.</summary>
public enum LeafKind
{
    Knowledge,

    /// <summary>A skill whose seed examples carry no <c>context</c>.</summary>
    FreeformSkill,

    /// <summary>A skill whose seed examples carry a <c>context</c> to reason about.</summary>
    GroundedSkill,
}
