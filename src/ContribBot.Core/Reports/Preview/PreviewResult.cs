using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Reports.Preview;

/// <summary>
/// Everything a preview produced: the validation report it started from, each leaf's samples and quality, the run's
/// call totals, and whether it finished (an interrupted or aborted run still reports what it made).
/// </summary>
public sealed record PreviewResult(
    ValidationReport Validation,
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
