using System.Net;

namespace ContribBot.Core.Generation.Teacher;

/// <summary>
/// The server refused or failed one attempt. <see cref="StatusCode"/> is null for transport failures (connection
/// refused, reset, a body that is not a chat completion); <see cref="RetryAfter"/> is what the server asked us to wait.
/// </summary>
public sealed class TeacherCallException : Exception
{
    public TeacherCallException(string message, HttpStatusCode? statusCode, TimeSpan? retryAfter, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public TeacherCallException()
    {
    }

    public TeacherCallException(string message)
        : base(message)
    {
    }

    public TeacherCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode? StatusCode { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>Trying again would fail the same way (a reply over the size cap), whatever the status.</summary>
    public bool Permanent { get; init; }

    /// <summary>Worth another attempt: throttling, server errors and transport failures, not a refusal of the request.</summary>
    public bool IsTransient => !Permanent && StatusCode is null or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
        or >= HttpStatusCode.InternalServerError;
}
