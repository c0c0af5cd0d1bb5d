using System.Globalization;
using System.Net;
using Octokit;

namespace ContribBot.GitHub;

/// <summary>
/// Runs one GitHub API call within a bound. Rate limits are waited out: a primary limit (403/429 with
/// <c>x-ratelimit-remaining: 0</c>) until <c>x-ratelimit-reset</c>, a secondary limit until <c>retry-after</c> (or a
/// minute, as GitHub advises when it gives none). Faults of the way there — a connection closed without an answer, a
/// timeout, a 5xx from GitHub or a proxy — are retried after 1, 2, 4… seconds. A call that creates something cannot
/// simply be sent again after such a fault (GitHub may have acted before the answer was lost), so it comes with a
/// look-up that finds what the lost attempt made. A rate limit longer than <see cref="MaxWait"/> (a service sets 0 and
/// re-queues) is <see cref="GitHubRateLimitedException"/> with the time to try again; a fault still there after
/// <see cref="MaxAttempts"/> attempts is <see cref="GitHubUnreachableException"/>; any other API error is
/// <see cref="GitHubRefusedException"/> at once, with what GitHub said.
/// </summary>
public sealed class GitHubRetry(Func<TimeSpan, CancellationToken, Task>? delay = null, TimeProvider? clock = null)
{
    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Longest rate limit waited out in place (the CLI: 2 minutes; a service: zero, it re-queues the job).</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(2);

    public TimeProvider Clock => _clock;

    public int MaxAttempts { get; init; } = 4;

    /// <summary>The wait after the first fault of the way there; it doubles with each further one.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public Task<T> RunAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
        where T : class =>
        RunAsync(operation, call, alreadyDone: null, cancellationToken);

    /// <param name="alreadyDone">
    /// For a call that is not safe to repeat: after a fault that may have come after GitHub acted, this looks for the
    /// result of the lost attempt (null when there is none) before the call is sent again.
    /// </param>
    public async Task<T> RunAsync<T>(string operation, Func<Task<T>> call, Func<Task<T?>>? alreadyDone, CancellationToken cancellationToken)
        where T : class
    {
        var lookFirst = false;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            try
            {
                if (lookFirst && alreadyDone is not null && await alreadyDone().ConfigureAwait(false) is { } done) return done;
                return await call().ConfigureAwait(false);
            }
            catch (ApiException exception) when (RateLimited(exception) is { } limited)
            {
                var retryAt = _clock.GetUtcNow() + limited;
                if (attempt >= MaxAttempts)
                {
                    throw new GitHubRateLimitedException($"GitHub kept rate-limiting {operation} after {attempt} attempts; try again after {retryAt:u}.", retryAt, exception);
                }

                if (limited > MaxWait)
                {
                    throw new GitHubRateLimitedException(
                        $"GitHub rate-limited {operation} for {limited.TotalMinutes:0} more minute(s), longer than ContribBot waits here " +
                        $"({MaxWait.TotalMinutes:0.#}); try again after {retryAt:u}.", retryAt, exception);
                }

                wait = limited;
            }
            catch (Exception exception) when (WayThere(exception, cancellationToken) is { } fault)
            {
                if (attempt >= MaxAttempts)
                {
                    throw new GitHubUnreachableException(
                        $"GitHub did not answer {operation} after {attempt} attempts ({fault}); check the network and https://www.githubstatus.com, then run again.",
                        exception);
                }

                // The lost attempt may have been carried out: look for its result before sending it again.
                lookFirst = true;
                wait = FirstBackoff * Math.Pow(2, attempt - 1);
            }
            catch (ApiException exception)
            {
                throw new GitHubRefusedException($"GitHub refused {operation}: {Describe(exception)}", exception.StatusCode, exception);
            }

            await _delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What went wrong on the way to GitHub, when the failure is of that kind (worth retrying); null otherwise.</summary>
    private static string? WayThere(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        ApiException { StatusCode: >= HttpStatusCode.InternalServerError } api => $"HTTP {(int)api.StatusCode} {api.StatusCode}",
        HttpRequestException http => http.InnerException is { } inner ? $"{http.Message} {inner.Message}" : http.Message,
        // HttpClient's own timeout, not the caller's cancellation.
        TaskCanceledException when !cancellationToken.IsCancellationRequested => "no answer within the HTTP timeout",
        _ => null,
    };

    /// <summary>How long to wait when the failure is a rate limit; null when it is not one.</summary>
    private TimeSpan? RateLimited(ApiException exception)
    {
        var status = exception.StatusCode;
        if (status is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests)) return null;
        var headers = exception.HttpResponse?.Headers ?? new Dictionary<string, string>();
        if (Core.Http.RetryAfter.Parse(Header(headers, "Retry-After"), _clock.GetUtcNow()) is { } asked) return asked;

        if (Header(headers, "X-RateLimit-Remaining") == "0")
        {
            var reset = Header(headers, "X-RateLimit-Reset") is { } value && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
                ? DateTimeOffset.FromUnixTimeSeconds(epoch)
                : exception is RateLimitExceededException limit ? limit.Reset : _clock.GetUtcNow().AddMinutes(1);
            var until = reset - _clock.GetUtcNow();
            return until > TimeSpan.Zero ? until + TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1);
        }

        // A secondary limit without a Retry-After: GitHub's documentation says to wait at least a minute.
        return exception is SecondaryRateLimitExceededException || status == HttpStatusCode.TooManyRequests ? TimeSpan.FromMinutes(1) : null;
    }

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string Describe(ApiException exception)
    {
        var status = $"HTTP {(int)exception.StatusCode} {exception.StatusCode}";
        var details = exception.ApiError?.Errors is { Count: > 0 } errors
            ? " (" + string.Join("; ", errors.Select(error => error.Message ?? $"{error.Field} {error.Code}")) + ")"
            : string.Empty;
        var hint = exception.StatusCode switch
        {
            HttpStatusCode.Unauthorized => " Check GITHUB_TOKEN.",
            HttpStatusCode.Forbidden or HttpStatusCode.NotFound =>
                " Does the token have the permissions (checks: write, pull-requests: write, issues: write) and access to the repository?",
            _ => string.Empty,
        };
        return $"{status}: {exception.Message}{details}.{hint}";
    }
}
