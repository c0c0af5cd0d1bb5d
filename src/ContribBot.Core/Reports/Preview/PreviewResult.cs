using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Reports.Preview;

/// <summary>
/// What a preview produced: each leaf's samples and quality, the run's call totals, and whether it finished (an
/// interrupted or aborted run still reports what it made). The validation report it started from is rendered beside it.
/// </summary>
public sealed record PreviewResult(
    IReadOnlyList<LeafPreview> Leaves,
    PreviewStatus Status,
    string? StatusMessage,
    string TeacherModel,
    string CriticModel,
    UsageSnapshot Usage,
    GenerationSettings Settings)
{
    public int Generated => Leaves.Sum(leaf => leaf.Samples.Count);

    public int Kept => Leaves.Sum(leaf => leaf.Samples.Count(sample => sample.Kept));
}

public enum PreviewStatus
{
    Complete,

    /// <summary>Cancelled (Ctrl+C): the leaves show what was made until then.</summary>
    Interrupted,

    /// <summary>The teacher became unusable (refused credentials, repeated failures).</summary>
    Aborted,
}
