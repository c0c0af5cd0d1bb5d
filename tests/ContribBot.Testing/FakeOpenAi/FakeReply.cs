using System.Net;

namespace ContribBot.Testing.FakeOpenAi;

/// <summary>
/// What the fake sends back for one request: a chat completion whose message is <see cref="Content"/>, or an error
/// status with headers, or a raw body (for broken responses), after an optional delay.
/// </summary>
public sealed record FakeReply
{
    public HttpStatusCode Status { get; init; } = HttpStatusCode.OK;

    public string? Content { get; init; }

    /// <summary>Sent as is instead of a chat completion (e.g. a body cut off mid-JSON).</summary>
    public string? RawBody { get; init; }

    public TimeSpan Delay { get; init; }

    /// <summary>The connection is closed without any answer (as proxies and load balancers now and then do).</summary>
    public bool DropConnection { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static FakeReply Message(string content) => new() { Content = content };

    public static FakeReply TooManyRequests(int retryAfterSeconds) => new()
    {
        Status = HttpStatusCode.TooManyRequests,
        RawBody = """{"error":{"message":"Rate limit reached","type":"rate_limit"}}""",
        Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    public static FakeReply ServerError() => new() { Status = HttpStatusCode.InternalServerError, RawBody = """{"error":{"message":"boom","type":"server_error"}}""" };

    public static FakeReply Error(HttpStatusCode status, string message) =>
        new() { Status = status, RawBody = new System.Text.Json.Nodes.JsonObject { ["error"] = new System.Text.Json.Nodes.JsonObject { ["message"] = message, ["type"] = "invalid_request_error" } }.ToJsonString() };

    /// <summary>A response body cut off in the middle: not a chat completion at all.</summary>
    public static FakeReply TruncatedBody() => new() { RawBody = """{"id":"chatcmpl-x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis""" };

    public static FakeReply DroppedConnection() => new() { DropConnection = true };

    public FakeReply After(TimeSpan delay) => this with { Delay = delay };
}
