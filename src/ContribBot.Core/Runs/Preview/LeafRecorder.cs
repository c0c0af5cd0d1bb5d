using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Runs.Preview;

/// <summary>
/// The preview's sink: collects one leaf's samples and call counts as they happen, from several threads, so that
/// whatever was made before a cancellation or an abort is still there to report, and a progress line can read them live.
/// </summary>
public sealed class LeafRecorder(LeafSeeds seeds) : ISampleSink
{
    private readonly Lock _gate = new();
    private readonly List<Sample> _samples = [];
    private int _kept;
    private int _calls;
    private int _failedCalls;
    private long _promptTokens;
    private long _completionTokens;

    public LeafSeeds Seeds => seeds;

    public int Kept => Volatile.Read(ref _kept);

    public int Calls => Volatile.Read(ref _calls);

    public int FailedCalls => Volatile.Read(ref _failedCalls);

    public long PromptTokens => Interlocked.Read(ref _promptTokens);

    public long CompletionTokens => Interlocked.Read(ref _completionTokens);

    public IReadOnlyList<Sample> Samples
    {
        get
        {
            lock (_gate) return [.. _samples];
        }
    }

    public void Add(Sample sample)
    {
        lock (_gate) _samples.Add(sample);
        if (sample.Kept) Interlocked.Increment(ref _kept);
    }

    public void AddCall(ChatReply reply)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _promptTokens, reply.PromptTokens);
        Interlocked.Add(ref _completionTokens, reply.CompletionTokens);
    }

    public void AddFailedCall() => Interlocked.Increment(ref _failedCalls);
}
