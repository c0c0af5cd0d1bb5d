namespace ContribBot.Core.Runs.Build;

/// <summary>Where a build stands, reported as leaves finish and calls return.</summary>
public sealed record BuildProgress(int LeavesDone, int Leaves, int Kept, long Calls, long Tokens, decimal Cost, TimeSpan Elapsed)
{
    /// <summary>A guess from the pace so far; null until a leaf has finished.</summary>
    public TimeSpan? Remaining => LeavesDone == 0 || LeavesDone >= Leaves ? null : Elapsed / LeavesDone * (Leaves - LeavesDone);
}
