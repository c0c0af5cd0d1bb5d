namespace ContribBot.Core.Generation.Teacher;

/// <summary>Running totals of a run's calls, updated from many threads; read with <see cref="Snapshot"/>.</summary>
public sealed class ChatUsage
{
    private long _attempts;
    private long _calls;
    private long _retries;
    private long _failures;
    private long _promptTokens;
    private long _completionTokens;

    internal void AddAttempt() => Interlocked.Increment(ref _attempts);

    internal void AddRetry() => Interlocked.Increment(ref _retries);

    internal void AddFailure() => Interlocked.Increment(ref _failures);

    internal void AddReply(ChatReply reply)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _promptTokens, reply.PromptTokens);
        Interlocked.Add(ref _completionTokens, reply.CompletionTokens);
    }

    public UsageSnapshot Snapshot() => new(
        Interlocked.Read(ref _calls), Interlocked.Read(ref _attempts), Interlocked.Read(ref _retries), Interlocked.Read(ref _failures),
        Interlocked.Read(ref _promptTokens), Interlocked.Read(ref _completionTokens));
}

/// <summary>Calls that got a reply, attempts made, retries, calls that failed for good, and tokens (teacher and critic together).</summary>
public sealed record UsageSnapshot(long Calls, long Attempts, long Retries, long FailedCalls, long PromptTokens, long CompletionTokens)
{
    public long TotalTokens => PromptTokens + CompletionTokens;
}
