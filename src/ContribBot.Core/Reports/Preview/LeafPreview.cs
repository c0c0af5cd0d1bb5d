using ContribBot.Core.Generation;
using ContribBot.Core.Quality;

namespace ContribBot.Core.Reports.Preview;

/// <summary>One leaf's preview: its samples and their quality, or why it was not previewed.</summary>
public sealed record LeafPreview(LeafSeeds Seeds, int Chunks, IReadOnlyList<Sample> Samples, LeafQuality? Quality, string? SkipReason)
{
    public string Path => Seeds.Path;
}
