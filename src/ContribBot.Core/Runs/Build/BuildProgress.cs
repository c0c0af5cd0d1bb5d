namespace ContribBot.Core.Runs.Build;

/// <summary>Where a build stands, reported as leaves finish and calls return.</summary>
public sealed record BuildProgress(int LeavesDone, int Leaves, int Kept, long Calls, long Tokens, decimal Cost, TimeSpan Elapsed)
{
    /// <summary>A guess from the pace so far; null until a leaf has finished (and while waiting for a batch).</summary>
    public TimeSpan? Remaining => LeavesDone == 0 || LeavesDone >= Leaves || Batch is not null ? null : Elapsed / LeavesDone * (Leaves - LeavesDone);

    /// <summary>Batch builds: what the build waits for (the round, the batch and its status).</summary>
    public string? Batch { get; init; }
}
