using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ContribBot.Testing.FakeGitHub;

/// <summary>
/// The GitHub App side of the fake, on when <see cref="EnableApp"/> is called: <c>/app/…</c> takes only a JWT that
/// the App's key signed (RS256, issued at most 60 s ahead, expiring at most 10 minutes after issue), installation
/// tokens are issued with an expiry and are the only credentials <c>/repos/…</c> then takes, and the App's recent
/// deliveries can be listed and redelivered (the fake posts the stored delivery again, signed, to the webhook URL).
/// </summary>
public sealed partial class FakeGitHubServer
{
    private RSA? _appKey;
    private string? _appId;
    private readonly ConcurrentDictionary<string, long> _installations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<long> _tokenRequests = new();
    private readonly List<FakeDelivery> _deliveries = [];
    private readonly ConcurrentQueue<string> _redeliveries = new();
    private readonly ConcurrentQueue<(long CommentId, string Content)> _reactions = new();
    private readonly ConcurrentQueue<string> _dispatches = new();

    /// <summary>"owner/name workflow ref" of every workflow dispatch, in order.</summary>
    public IReadOnlyList<string> Dispatches => [.. _dispatches];

    /// <summary>The login of comments made through the API (the App's bot user, or Actions' when the App is off).</summary>
    public string BotLogin { get; set; } = "github-actions[bot]";

    /// <summary>How long an installation token lasts (GitHub: one hour).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The clock tokens and JWTs are judged by.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Where redelivered deliveries are posted, and the secret they are signed with.</summary>
    public (Uri Url, string Secret)? Webhook { get; set; }

    /// <summary>The installation id of every token request, in order.</summary>
    public IReadOnlyList<long> TokenRequests => [.. _tokenRequests];

    /// <summary>The GUID of every delivery asked to be sent again, in order.</summary>
    public IReadOnlyList<string> Redeliveries => [.. _redeliveries];

    /// <summary>Reactions added to comments, in order.</summary>
    public IReadOnlyList<(long CommentId, string Content)> Reactions => [.. _reactions];

    /// <summary>Turns the App endpoints on: the App's id, its public key, and the repositories it is installed on.</summary>
    public void EnableApp(string appId, RSA publicKey, IReadOnlyDictionary<string, long> installations)
    {
        (_appId, _appKey) = (appId, publicKey);
        foreach (var (repository, id) in installations) _installations[repository] = id;
        BotLogin = "contribbot[bot]";
    }

    /// <summary>A delivery GitHub made (or failed to make) to the App, with its payload for a redelivery.</summary>
    public FakeDelivery AddDelivery(string guid, string eventName, string payload, int statusCode)
    {
        var delivery = new FakeDelivery(Interlocked.Increment(ref _nextId), guid, eventName, payload, statusCode);
        lock (_gate) _deliveries.Add(delivery);
        return delivery;
    }

    private (HttpStatusCode, JsonNode)? AppRequest(HttpContext context, string method, string[] segments, JsonObject? body)
    {
        if (segments is not ["api", "v3", "app", .. var rest]) return null;
        if (JwtRefusal(context) is { } refused) return refused;
        return (method, rest) switch
        {
            ("POST", ["installations", var id, "access_tokens"]) => IssueToken(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)),
            ("GET", ["hook", "deliveries"]) => Ok(DeliveriesJson()),
            ("POST", ["hook", "deliveries", var id, "attempts"]) => Redeliver(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)),
            _ => (HttpStatusCode.NotFound, new JsonObject { ["message"] = "Not Found" }),
        };
    }

    private (HttpStatusCode, JsonNode) IssueToken(long installationId)
    {
        _tokenRequests.Enqueue(installationId);
        if (!_installations.Values.Contains(installationId)) return (HttpStatusCode.NotFound, new JsonObject { ["message"] = "Not Found" });
        // New-format installation tokens are about 520 characters: a client must not assume the old 40.
        var token = "ghs_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(258)).ToLowerInvariant();
        var expires = Clock.GetUtcNow() + TokenLifetime;
        _tokens[token] = expires;
        return (HttpStatusCode.Created, new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = expires.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["permissions"] = new JsonObject { ["checks"] = "write", ["pull_requests"] = "write", ["contents"] = "read" },
            ["repository_selection"] = "selected",
        });
    }

    private (HttpStatusCode, JsonNode) RepositoryInstallation(HttpContext context, string owner, string repo)
    {
        if (_appKey is null) return (HttpStatusCode.NotFound, new JsonObject { ["message"] = "Not Found" });
        if (JwtRefusal(context) is { } refused) return refused;
        return _installations.TryGetValue($"{owner}/{repo}", out var id)
            ? Ok(new JsonObject { ["id"] = id, ["app_id"] = 1, ["target_type"] = "Organization", ["account"] = new JsonObject { ["login"] = owner, ["id"] = 7 } })
            : (HttpStatusCode.NotFound, new JsonObject { ["message"] = "Not Found" });
    }

    private JsonArray DeliveriesJson()
    {
        lock (_gate)
        {
            return new JsonArray(_deliveries.OrderByDescending(d => d.Id).Select(d => (JsonNode)new JsonObject
            {
                ["id"] = d.Id,
                ["guid"] = d.Guid,
                ["delivered_at"] = "2026-12-01T10:00:00Z",
                ["redelivery"] = false,
                ["duration"] = 0.1,
                ["status"] = d.StatusCode is >= 200 and < 300 ? "OK" : "Invalid HTTP Response: " + d.StatusCode,
                ["status_code"] = d.StatusCode,
                ["event"] = d.Event,
                ["action"] = "opened",
            }).ToArray());
        }
    }

    private (HttpStatusCode, JsonNode) Redeliver(long id)
    {
        FakeDelivery? delivery;
        lock (_gate) delivery = _deliveries.FirstOrDefault(d => d.Id == id);
        if (delivery is null) return (HttpStatusCode.NotFound, new JsonObject { ["message"] = "Not Found" });
        _redeliveries.Enqueue(delivery.Guid);
        if (Webhook is not null)
        {
            // As GitHub: accepted now, delivered a moment later, keeping the delivery's GUID.
            _ = Task.Run(async () =>
            {
                var status = await PostDeliveryAsync(delivery.Guid, delivery.Event, delivery.Payload).ConfigureAwait(false);
                lock (_gate) delivery.StatusCode = status;
            });
        }

        return (HttpStatusCode.Accepted, new JsonObject());
    }

    /// <summary>Posts a delivery to <see cref="Webhook"/>, signed as GitHub signs it; returns the webhook's status code.</summary>
    internal async Task<int> PostDeliveryAsync(string guid, string eventName, string payload)
    {
        var (url, secret) = Webhook ?? throw new InvalidOperationException("no webhook is set");
        using var http = new HttpClient();
        var bytes = Encoding.UTF8.GetBytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Delivery", guid);
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes)));
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        return (int)response.StatusCode;
    }

    private (HttpStatusCode, JsonNode) AddReaction(long commentId, JsonObject? body)
    {
        var content = body?["content"]?.GetValue<string>() ?? string.Empty;
        if (content is not ("+1" or "-1" or "laugh" or "confused" or "heart" or "hooray" or "rocket" or "eyes")) return Unprocessable($"content '{content}' is not a reaction");
        _reactions.Enqueue((commentId, content));
        return (HttpStatusCode.Created, new JsonObject { ["id"] = Interlocked.Increment(ref _nextId), ["content"] = content });
    }

    private (HttpStatusCode, JsonNode) Dispatch(string owner, string repo, string workflow, JsonObject? body)
    {
        if (body?["ref"]?.GetValue<string>() is not { Length: > 0 } reference) return Unprocessable("ref is required");
        _dispatches.Enqueue($"{owner}/{repo} {workflow} {reference}");
        return (HttpStatusCode.NoContent, new JsonObject());
    }

    /// <summary>With the App on, a repository call needs an installation token that was issued here and has not expired.</summary>
    private (HttpStatusCode, JsonNode)? InstallationTokenRefusal(HttpContext context)
    {
        if (_appKey is null) return null;
        var header = context.Request.Headers.Authorization.ToString();
        // Authorization schemes are case-insensitive (Octokit writes "Token").
        var token = header.StartsWith("token ", StringComparison.OrdinalIgnoreCase) ? header[6..]
            : header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..] : string.Empty;
        return _tokens.TryGetValue(token, out var expires) && expires > Clock.GetUtcNow()
            ? null
            : (HttpStatusCode.Unauthorized, new JsonObject { ["message"] = "Bad credentials", ["documentation_url"] = "https://docs.github.com/rest" });
    }

    /// <summary>GitHub's checks of an App JWT: RS256 by the App's key, issued by its id, and a lifetime of at most 10 minutes.</summary>
    private (HttpStatusCode, JsonNode)? JwtRefusal(HttpContext context)
    {
        var refused = (HttpStatusCode.Unauthorized, (JsonNode)new JsonObject { ["message"] = "A JSON web token could not be decoded" });
        if (_appKey is null) return refused;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return refused;
        var parts = header[7..].Split('.');
        if (parts.Length != 3) return refused;
        try
        {
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!_appKey.VerifyData(signed, Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)) return refused;
            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var iat = claims.RootElement.GetProperty("iat").GetInt64();
            var exp = claims.RootElement.GetProperty("exp").GetInt64();
            var iss = claims.RootElement.GetProperty("iss").GetString();
            var now = Clock.GetUtcNow().ToUnixTimeSeconds();
            if (iss != _appId) return (HttpStatusCode.Unauthorized, new JsonObject { ["message"] = "Integration not found" });
            if (exp <= now || iat > now + 60) return (HttpStatusCode.Unauthorized, new JsonObject { ["message"] = "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires" });
            if (exp - iat > 600) return (HttpStatusCode.Unauthorized, new JsonObject { ["message"] = "'Expiration time' claim ('exp') is too far in the future" });
            return null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or CryptographicException)
        {
            return refused;
        }
    }
}

/// <summary>A delivery as the fake lists it; <see cref="StatusCode"/> is the webhook's last answer.</summary>
public sealed class FakeDelivery(long id, string guid, string eventName, string payload, int statusCode)
{
    public long Id => id;

    public string Guid => guid;

    public string Event => eventName;

    public string Payload => payload;

    public int StatusCode { get; set; } = statusCode;
}
