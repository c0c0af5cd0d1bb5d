namespace ContribBot.Core.Generation.Teacher;

/// <summary>
/// Where the teacher and critic live and how calls to them behave. <see cref="Endpoint"/> is the OpenAI-compatible
/// base URL (the part before <c>/chat/completions</c>, e.g. <c>http://localhost:11434/v1</c> for Ollama).
/// </summary>
public sealed record TeacherSettings(Uri Endpoint, string Model)
{
    /// <summary>The model that judges; the teacher's own when not set.</summary>
    public string? CriticModel { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>Calls in flight at once, across all leaves.</summary>
    public int Concurrency { get; init; } = 8;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Further attempts after the first for a transient failure (429, 5xx, timeout, transport).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first backoff; each retry doubles it (with jitter) up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest Retry-After honoured; a server asking for more is treated as down for this run.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Longest the run may spend on teacher calls, from the run's start, waits and retries included; then the run stops
    /// as if the teacher were down (what it has is kept). Null: no limit.
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Largest reply body read; a larger one fails the call for good. Default 4 MiB (a chat reply is kilobytes).</summary>
    public long MaxReplyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Calls that failed in a row (each after its retries) before the run is abandoned.</summary>
    public int MaxConsecutiveFailures { get; init; } = 3;

    public string CriticModelOrTeacher => string.IsNullOrWhiteSpace(CriticModel) ? Model : CriticModel;

    /// <summary>
    /// GitHub Models, the one endpoint the workflow's GITHUB_TOKEN is sent to as the key. Any other endpoint needs
    /// CONTRIBBOT_API_KEY: the URL may come from a pull request's own .github/contribbot.yml, and the token must not
    /// follow it to a server of the contributor's choosing.
    /// </summary>
    public static bool IsGitHubModels(Uri endpoint) =>
        endpoint.Scheme == Uri.UriSchemeHttps && endpoint.Host is "models.github.ai" or "models.inference.ai.azure.com";

    /// <summary>
    /// Accepts the base URL in the forms people paste: with or without a trailing slash, or the full
    /// <c>…/chat/completions</c> address.
    /// </summary>
    public static Uri NormalizeEndpoint(string url)
    {
        var trimmed = url.Trim().TrimEnd('/');
        const string suffix = "/chat/completions";
        if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) trimmed = trimmed[..^suffix.Length];
        if (!Uri.TryCreate(trimmed + "/", UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{url}' is not an http(s) URL of an OpenAI-compatible endpoint (e.g. http://localhost:11434/v1).", nameof(url));
        }

        return uri;
    }
}
