using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Generation.Planning;

/// <summary>What a preview and a full build would do, worked out without calling anyone (the dry run).</summary>
public sealed record PreviewPlan(IReadOnlyList<LeafPlan> Leaves, GenerationSettings Settings)
{
    /// <summary>Why this is a plan rather than a preview, when it stands in for one (the teacher refused or ran out of quota).</summary>
    public string? Notice { get; init; }

    public long PreviewCalls => Leaves.Sum(leaf => leaf.Calls.Sum(call => (long)call.PreviewCount));

    public long PreviewTokens => Leaves.Sum(leaf => leaf.PreviewTokens);

    public long FullBuildCalls => Leaves.Sum(leaf => leaf.Calls.Sum(call => call.FullBuildCount));

    public long FullBuildTokens => Leaves.Sum(leaf => leaf.FullBuildTokens);

    public decimal FullBuildCost => Leaves.Sum(leaf => leaf.FullBuildCost);
}

/// <summary>One leaf's plan: the kinds of call it makes, with the rendered first prompt of each, and the totals.</summary>
public sealed record LeafPlan(
    string Path,
    LeafKind Kind,
    int Seeds,
    int Chunks,
    string? SkipReason,
    IReadOnlyList<PlannedCall> Calls,
    int FullBuildSamples)
{
    public long PreviewTokens => Calls.Sum(call => call.PreviewCount * (long)(call.PromptTokens + call.CompletionTokens));

    public long FullBuildTokens => Calls.Sum(call => call.FullBuildCount * (call.PromptTokens + call.CompletionTokens));

    public long FullBuildPromptTokens => Calls.Sum(call => call.FullBuildCount * call.PromptTokens);

    public long FullBuildCompletionTokens => Calls.Sum(call => call.FullBuildCount * call.CompletionTokens);

    public decimal FullBuildCost { get; init; }
}

/// <summary>
/// One kind of call: its prompt (id and the text rendered from the first seed), exact prompt tokens, the completion
/// tokens expected (from the seeds' own lengths), and how many such calls a preview and a full build make.
/// </summary>
public sealed record PlannedCall(string PromptId, string RenderedPrompt, int PromptTokens, int CompletionTokens, int PreviewCount, long FullBuildCount);
