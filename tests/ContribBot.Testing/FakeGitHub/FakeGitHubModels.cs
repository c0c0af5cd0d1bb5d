using System.Net;
using System.Text.Json.Nodes;

namespace ContribBot.Testing.FakeGitHub;

/// <summary>A comment as the fake stores it; <see cref="Edits"/> counts updates.</summary>
public sealed record FakeComment(long Id, string Body, string Login, string Type)
{
    public int Edits { get; init; }

    /// <summary>The issue or pull request it was made on; null: one added by a test, seen on every one.</summary>
    public int? Issue { get; init; }

    public DateTimeOffset CreatedAt { get; init; } = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The author's association with the repository, as GitHub reports it with the comment.</summary>
    public string Association { get; init; } = "NONE";

    internal JsonObject ToJson(string owner, string repo) => new()
    {
        ["id"] = Id,
        ["node_id"] = $"IC_{Id}",
        ["body"] = Body,
        ["html_url"] = $"https://github.example/{owner}/{repo}/pull/1#issuecomment-{Id}",
        ["url"] = $"https://github.example/api/v3/repos/{owner}/{repo}/issues/comments/{Id}",
        ["user"] = new JsonObject { ["login"] = Login, ["id"] = 41898282, ["type"] = Type },
        ["created_at"] = CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["updated_at"] = CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["author_association"] = Association,
    };
}

/// <summary>A check run as the fake stores it: annotations are appended by every create and update, as on GitHub.</summary>
public sealed class FakeCheckRun(long id, string name, string headSha)
{
    public long Id => id;

    public string Name => name;

    public string HeadSha => headSha;

    public string? Status { get; private set; }

    public string? Conclusion { get; private set; }

    public string? Title { get; private set; }

    public string? Summary { get; private set; }

    public List<JsonObject> Annotations { get; } = [];

    /// <summary>How many annotations each create or update request carried.</summary>
    public List<int> AnnotationsPerRequest { get; } = [];

    internal void Apply(JsonObject body)
    {
        Status = body["status"]?.GetValue<string>() ?? Status;
        Conclusion = body["conclusion"]?.GetValue<string>() ?? Conclusion;
        if (body["output"] is JsonObject output)
        {
            Title = output["title"]?.GetValue<string>() ?? Title;
            Summary = output["summary"]?.GetValue<string>() ?? Summary;
            var annotations = output["annotations"] as JsonArray ?? [];
            AnnotationsPerRequest.Add(annotations.Count);
            foreach (var annotation in annotations.OfType<JsonObject>())
            {
                var stored = (JsonObject)annotation.DeepClone();
                stored["blob_href"] = "https://github.example/blob";
                Annotations.Add(stored);
            }
        }
    }

    internal JsonObject ToJson(string owner, string repo) => new()
    {
        ["id"] = Id,
        ["head_sha"] = HeadSha,
        ["name"] = Name,
        ["status"] = Status ?? "queued",
        ["conclusion"] = Conclusion,
        ["html_url"] = $"https://github.example/{owner}/{repo}/runs/{Id}",
        ["output"] = new JsonObject { ["title"] = Title, ["summary"] = Summary, ["annotations_count"] = Annotations.Count },
    };
}

/// <summary>An error answer the fake gives instead of the real one.</summary>
public sealed record FakeGitHubFault(HttpStatusCode Status, string Message)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>How the connection ends instead of an answer; <see cref="FakeConnectionDrop.None"/> answers with <see cref="Status"/>.</summary>
    public FakeConnectionDrop Drop { get; init; }

    /// <summary>The connection is closed without an answer, before the request is acted on (as proxies and load balancers now and then do).</summary>
    public static FakeGitHubFault DroppedConnection() => new(HttpStatusCode.OK, "connection dropped") { Drop = FakeConnectionDrop.BeforeHandling };

    /// <summary>The request is carried out, then the connection is closed before the answer: the client cannot tell it happened.</summary>
    public static FakeGitHubFault DroppedAnswer() => new(HttpStatusCode.OK, "answer dropped") { Drop = FakeConnectionDrop.AfterHandling };

    public static FakeGitHubFault ServerError(HttpStatusCode status = HttpStatusCode.BadGateway) => new(status, "Server Error");

    public static FakeGitHubFault SecondaryRateLimit(int retryAfterSeconds) => new(HttpStatusCode.Forbidden, "You have exceeded a secondary rate limit.")
    {
        Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    public static FakeGitHubFault PrimaryRateLimit(DateTimeOffset reset) => new(HttpStatusCode.Forbidden, "API rate limit exceeded.")
    {
        Headers = new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "5000",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}

/// <summary>Where a faulty request's connection is cut.</summary>
public enum FakeConnectionDrop
{
    None,
    BeforeHandling,
    AfterHandling,
}
