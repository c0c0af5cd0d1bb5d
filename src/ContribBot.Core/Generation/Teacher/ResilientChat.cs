using System.Net;

namespace ContribBot.Core.Generation.Teacher;

/// <summary>
/// Makes one run's calls to the teacher safe to fire from many leaves at once: a slot of the endpoint's shared
/// <see cref="ConcurrencyGate"/> per attempt, a timeout per attempt, retries of transient failures with exponential
/// backoff and jitter (or exactly the server's Retry-After), and the run's <see cref="FailureBreaker"/>, which stops it
/// when the endpoint is unusable: refused credentials or model, several calls in a row failing even after retries, or
/// the run's time limit reached.
/// </summary>
public sealed class ResilientChat : ITeacher, IDisposable
{
    private readonly IChatBackend _backend;
    private readonly TeacherSettings _settings;
    private readonly ConcurrencyGate _gate;
    private readonly bool _ownsGate;
    private readonly FailureBreaker _breaker;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Random _jitter;
    private readonly ChatUsage _usage = new();
    private readonly TimeProvider _clock;
    private readonly long _started;

    /// <param name="gate">The endpoint's shared gate; without one, this run gets its own of <see cref="TeacherSettings.Concurrency"/> slots.</param>
    /// <param name="delay">How to wait before a retry; tests pass one that records the wait instead of sleeping.</param>
    /// <param name="jitter">Source of backoff jitter; tests pass a seeded one.</param>
    /// <param name="clock">Measures <see cref="TeacherSettings.TimeLimit"/> from this run's start.</param>
    public ResilientChat(
        IChatBackend backend, TeacherSettings settings, Func<TimeSpan, CancellationToken, Task>? delay = null, Random? jitter = null, ConcurrencyGate? gate = null,
        TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _started = _clock.GetTimestamp();
        _backend = backend;
        _settings = settings;
        _ownsGate = gate is null;
        _gate = gate ?? new ConcurrencyGate(settings.Concurrency);
        _breaker = new FailureBreaker(settings.MaxConsecutiveFailures);
        _delay = delay ?? Task.Delay;
        _jitter = jitter ?? Random.Shared;
    }

    public ChatUsage Usage => _usage;

    public string ModelFor(ChatRole role) => _backend.ModelFor(role);

    /// <summary>The reply, or <see cref="TeacherCallException"/> when this call failed for good (the run may go on).</summary>
    /// <exception cref="TeacherUnavailableException">The run should stop; later calls fail the same way at once.</exception>
    public async Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            _breaker.ThrowIfOpen();
            if (Remaining() <= TimeSpan.Zero) throw _breaker.Open(TimeLimitReason);
            TeacherCallException failure;
            using (await _gate.EnterAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    _breaker.ThrowIfOpen();
                    _usage.AddAttempt();
                    var reply = await AttemptAsync(request, cancellationToken).ConfigureAwait(false);
                    request.OnReply?.Invoke(reply);
                    _breaker.Succeeded();
                    _usage.AddReply(reply);
                    return reply;
                }
                catch (TeacherCallException exception)
                {
                    failure = exception;
                }
            }

            // An attempt cut short by the run's time limit ends the run, not just this call.
            if (Remaining() <= TimeSpan.Zero) throw _breaker.Open(TimeLimitReason);
            if (failure.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                throw _breaker.Open($"the endpoint refused the request ({failure.Message}); check the URL, the model name and the API key");
            }

            var wait = failure.IsTransient && attempt < _settings.MaxRetries ? WaitBefore(attempt + 1, failure) : null;
            if (wait is null)
            {
                _usage.AddFailure();
                if (_breaker.Failed(failure.Message) is { } stopped) throw stopped;
                throw failure;
            }

            if (wait > Remaining()) throw _breaker.Open(TimeLimitReason);
            _usage.AddRetry();
            await _delay(wait.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ChatReply> AttemptAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = Remaining() is { } left && left < _settings.RequestTimeout ? left : _settings.RequestTimeout;
        timeout.CancelAfter(limit);
        try
        {
            return await _backend.CompleteAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TeacherCallException($"no reply within {limit.TotalSeconds:0.#} s", null, null);
        }
    }

    /// <summary>What is left of the run's time limit; null when it has none.</summary>
    private TimeSpan? Remaining() => _settings.TimeLimit is { } limit ? limit - _clock.GetElapsedTime(_started) : null;

    private string TimeLimitReason =>
        $"the run reached its time limit for teacher calls ({Minutes(_settings.TimeLimit!.Value)}); what was generated before it is kept";

    private static string Minutes(TimeSpan limit) =>
        limit.TotalMinutes >= 1 ? $"{limit.TotalMinutes:0.#} min" : $"{limit.TotalSeconds:0.#} s";

    /// <summary>The server's Retry-After when it gave one, else exponential backoff with jitter; null means give up.</summary>
    private TimeSpan? WaitBefore(int retry, TeacherCallException failure)
    {
        if (failure.RetryAfter is { } asked)
        {
            if (asked > _settings.MaxRetryAfter) return null;
            return asked;
        }

        var ceiling = Math.Min(_settings.MaxBackoff.TotalMilliseconds, _settings.InitialBackoff.TotalMilliseconds * Math.Pow(2, retry - 1));
        double spread;
        lock (_jitter) spread = _jitter.NextDouble();
        // "Equal jitter": at least half the backoff, so retries stay spaced, plus a random half, so clients spread out.
        return TimeSpan.FromMilliseconds(ceiling / 2 + spread * ceiling / 2);
    }

    public void Dispose()
    {
        if (_ownsGate) _gate.Dispose();
    }
}
