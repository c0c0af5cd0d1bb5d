using System.Text;
using System.Text.Json;
using ContribBot.Bot.Jobs;
using ContribBot.Bot.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContribBot.Bot.Webhooks;

/// <summary>
/// <c>POST /webhooks</c>: only stores the event. It reads the body within a size limit (413 above it), checks
/// <c>X-Hub-Signature-256</c> (401 when missing or wrong), and stores the delivery with its job in one transaction
/// before answering 202; a delivery id already stored is answered 200 and changes nothing (a replay or a
/// redelivery). The work happens in the workers, so the answer comes well inside GitHub's 10 seconds.
/// <c>GET /healthz</c> answers 200 while the database can be read.
/// </summary>
public static class WebhookReceiver
{
    /// <summary>GitHub caps payloads at 25 MB; taxonomy events are far smaller, and a body over this is refused unread.</summary>
    public const int DefaultMaxBodyBytes = 5 * 1024 * 1024;

    /// <param name="metrics">Counts deliveries by outcome (for /metrics); none when null.</param>
    /// <param name="logger">Logs each delivery's id and outcome.</param>
    public static void Map(
        IEndpointRouteBuilder routes, JobStore store, string webhookSecret, int maxBodyBytes = DefaultMaxBodyBytes, BotMetrics? metrics = null, ILogger? logger = null)
    {
        var log = logger ?? NullLogger.Instance;
        routes.MapPost("/webhooks", async (HttpContext context) =>
        {
            var (delivery, eventName, outcome) = await ReceiveAsync(context, store, webhookSecret, maxBodyBytes).ConfigureAwait(false);
            metrics?.Delivery(outcome);
            BotLog.Delivery(log, delivery, eventName, outcome);
        });
        routes.MapGet("/healthz", async (HttpContext context) =>
        {
            try
            {
                await store.CountsAsync(context.RequestAborted).ConfigureAwait(false);
                await Text(context, StatusCodes.Status200OK, "ok").ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException exception)
            {
                await Text(context, StatusCodes.Status503ServiceUnavailable, $"database unavailable: {(exception is Microsoft.Data.Sqlite.SqliteException sqlite ? sqlite.SqliteErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : exception.SqlState)}").ConfigureAwait(false);
            }
        });
    }

    /// <returns>The delivery id and event as given (cut and made printable, for the log) and the outcome.</returns>
    private static async Task<(string Delivery, string Event, string Outcome)> ReceiveAsync(HttpContext context, JobStore store, string secret, int maxBodyBytes)
    {
        var request = context.Request;
        var delivery = request.Headers["X-GitHub-Delivery"].FirstOrDefault();
        var eventName = request.Headers["X-GitHub-Event"].FirstOrDefault();
        var shown = (Printable(delivery), Printable(eventName));
        if (request.ContentLength > maxBodyBytes)
        {
            await Text(context, StatusCodes.Status413PayloadTooLarge, "payload too large").ConfigureAwait(false);
            return (shown.Item1, shown.Item2, "too_large");
        }

        var body = await ReadBoundedAsync(request.Body, maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await Text(context, StatusCodes.Status413PayloadTooLarge, "payload too large").ConfigureAwait(false);
            return (shown.Item1, shown.Item2, "too_large");
        }

        if (!WebhookSignature.IsValid(secret, body, request.Headers["X-Hub-Signature-256"].FirstOrDefault()))
        {
            await Text(context, StatusCodes.Status401Unauthorized, "signature missing or wrong").ConfigureAwait(false);
            return (shown.Item1, shown.Item2, "unauthorized");
        }

        if (string.IsNullOrEmpty(delivery) || delivery.Length > 100 || string.IsNullOrEmpty(eventName) || eventName.Length > 100)
        {
            await Text(context, StatusCodes.Status400BadRequest, "X-GitHub-Delivery and X-GitHub-Event are required").ConfigureAwait(false);
            return (shown.Item1, shown.Item2, "bad_request");
        }

        var stored = await store.EnqueueDeliveryAsync(delivery, eventName, JobFor(eventName, body), context.RequestAborted).ConfigureAwait(false);
        await Text(context, stored ? StatusCodes.Status202Accepted : StatusCodes.Status200OK, stored ? "queued" : "already received").ConfigureAwait(false);
        return (shown.Item1, shown.Item2, stored ? "queued" : "duplicate");
    }

    /// <summary>A header value as it may go into a log line: at most 100 characters, no control characters.</summary>
    private static string Printable(string? value) =>
        value is null ? "(none)" : new string(value.Take(100).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    /// <summary>
    /// The job a delivery becomes: its kind from the event, its subject the pull request or repository it concerns
    /// (read leniently: a payload that does not parse is still stored, and the worker reports it).
    /// </summary>
    internal static JobRequest JobFor(string eventName, byte[] body)
    {
        var subject = "unknown";
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            var repository = root.TryGetProperty("repository", out var r) && r.TryGetProperty("full_name", out var n) && n.ValueKind == JsonValueKind.String
                ? n.GetString()!
                : "unknown";
            var number = root.TryGetProperty("pull_request", out var p) && p.TryGetProperty("number", out var pn) && pn.TryGetInt64(out var pr) ? pr
                : root.TryGetProperty("issue", out var i) && i.TryGetProperty("number", out var inum) && inum.TryGetInt64(out var issue) ? issue
                : (long?)null;
            subject = number is { } found ? $"{repository}#{found}" : repository;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not JSON, or a field of the wrong kind (TryGetProperty on a number throws). Kept as "unknown": the worker turns it into a dead letter with the reason, nothing is lost.
        }

        // The event's job only reads it and queues the real work (a preview), which is where a newer push supersedes an older one.
        return new JobRequest(eventName, subject, body);
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Task Text(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, Encoding.UTF8, context.RequestAborted);
    }
}
