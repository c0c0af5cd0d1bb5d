using ContribBot.Core.Generation;

namespace ContribBot.Core.Runs.Build;

/// <summary>
/// What building one leaf made: every sample (kept and dropped, with reasons and scores) and what the calls cost.
/// Cached under the leaf's key; rows are rendered from it with the leaf's current path and commit.
/// </summary>
public sealed record BuiltLeaf(string Key, IReadOnlyList<Sample> Samples, int Calls, int ReplayedCalls, long PromptTokens, long CompletionTokens)
{
    public int Kept => Samples.Count(sample => sample.Kept);
}
