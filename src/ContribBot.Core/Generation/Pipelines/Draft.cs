namespace ContribBot.Core.Generation.Pipelines;

/// <summary>
/// A sample on its way through a pipeline: the question (and answer, once there is one), the passage it is about,
/// where it came from, and the prompts used so far. <see cref="DropReason"/> set means it stops here.
/// </summary>
internal sealed record Draft(string Question, int Seed, IReadOnlyList<string> Prompts)
{
    /// <summary>The draw of the unit this draft came from; its later calls carry it too.</summary>
    public int Draw { get; init; }

    public string Answer { get; init; } = string.Empty;

    public string? Context { get; init; }

    public int? Chunk { get; init; }

    public string? DropReason { get; init; }

    public string? Raw { get; init; }

    public SortedDictionary<string, double> Scores { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The critic's written reason for its last verdict (what a revision is asked to fix).</summary>
    public string? CriticReason { get; init; }

    /// <summary>Evolution, revision and voice; <see cref="SampleLineage.Direct"/> for a sample written straight from the seeds.</summary>
    public Methods.SampleLineage Lineage { get; init; } = Methods.SampleLineage.Direct;

    /// <summary>A draft for this question, already dropped when its shape is wrong (empty, too short or long, a refusal).</summary>
    public Draft Asking(string question, GenerationSettings settings)
    {
        var draft = this with { Question = question.Trim() };
        return Filters.SampleShape.CheckQuestion(draft.Question, settings) is { } reason ? draft.Drop(reason) : draft;
    }

    public Draft Drop(string reason, string? raw = null) => this with { DropReason = reason, Raw = raw ?? Raw };

    /// <summary>A call this draft needed failed for good (after retries); it is reported as <c>call-failed</c>.</summary>
    public Draft Failed() => Drop(DropReasons.CallFailed);

    public Draft Using(string promptId) => Prompts.Contains(promptId) ? this : this with { Prompts = [.. Prompts, promptId] };
}
