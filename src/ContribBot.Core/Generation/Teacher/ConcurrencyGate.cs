namespace ContribBot.Core.Generation.Teacher;

/// <summary>
/// How many calls may be in flight at one endpoint at once, shared by every run that uses it (all leaves of a preview,
/// all jobs of the App on one endpoint), unlike the failure count of one run (<see cref="FailureBreaker"/>).
/// </summary>
public sealed class ConcurrencyGate(int slots) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, slots));

    public int Slots { get; } = Math.Max(1, slots);

    /// <summary>Waits for a slot; disposing the result gives it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
