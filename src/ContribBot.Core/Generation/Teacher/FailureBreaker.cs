namespace ContribBot.Core.Generation.Teacher;

/// <summary>
/// One run's judgement of whether the teacher is still usable: several calls in a row failing for good, or a refusal
/// of the credentials or model, stop the run; after that every call of the run fails at once with the same reason.
/// Another run on the same endpoint has its own breaker.
/// </summary>
public sealed class FailureBreaker(int maxConsecutiveFailures)
{
    private int _consecutiveFailures;
    private string? _reason;

    /// <exception cref="TeacherUnavailableException">The run was stopped.</exception>
    public void ThrowIfOpen()
    {
        if (Volatile.Read(ref _reason) is { } reason) throw new TeacherUnavailableException(reason);
    }

    public void Succeeded() => Interlocked.Exchange(ref _consecutiveFailures, 0);

    /// <summary>Counts a call that failed for good; the exception to throw when that was one too many, else null.</summary>
    public TeacherUnavailableException? Failed(string lastFailure) =>
        Interlocked.Increment(ref _consecutiveFailures) >= maxConsecutiveFailures
            ? Open($"{maxConsecutiveFailures} calls in a row failed (last: {lastFailure})")
            : null;

    /// <summary>Stops the run; the first reason given is the one every later call reports.</summary>
    public TeacherUnavailableException Open(string reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, null);
        return new TeacherUnavailableException(_reason!);
    }
}
