namespace ContribBot.Core.Generation.Planning;

/// <summary>
/// One unit of a leaf's generation work: one drafting call, from one seed example (and, for knowledge, one document
/// chunk), for the <see cref="Draw"/>-th time. Two units that differ only in their draw send the same prompt; the draw
/// tells their replies apart (cache keys, provenance).
/// </summary>
public sealed record GenerationUnit(int Seed, int? Chunk, int Draw);
