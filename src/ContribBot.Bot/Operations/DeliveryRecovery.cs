using System.Globalization;
using System.Net;
using System.Text.Json;
using ContribBot.Bot.Work;

namespace ContribBot.Bot.Operations;

/// <summary>
/// GitHub does not redeliver on its own. This lists the App's recent deliveries (<c>GET /app/hook/deliveries</c>)
/// and asks again (<c>POST /app/hook/deliveries/{id}/attempts</c>) for each one that failed and was never stored
/// here; the redelivery keeps its GUID, so it is deduplicated like any other.
/// </summary>
public sealed class DeliveryRecovery(BotContext bot)
{
    /// <returns>The GUIDs redelivery was asked for.</returns>
    public async Task<IReadOnlyList<string>> RecoverAsync(CancellationToken cancellationToken)
    {
        var connection = bot.Tokens.AppClient().Connection;
        // As text: Octokit hands JSON bodies over as strings, and these two endpoints have no Octokit client of their own.
        var listed = await bot.Retry.RunAsync("listing the App's recent deliveries",
            () => connection.Get<string>(new Uri("app/hook/deliveries?per_page=100", UriKind.Relative), null, "application/vnd.github+json"), cancellationToken)
            .ConfigureAwait(false);
        var asked = new List<string>();
        foreach (var (id, guid, eventName) in Failed(listed.HttpResponse.Body as string ?? listed.Body))
        {
            if (await bot.Jobs.HasDeliveryAsync(guid, cancellationToken).ConfigureAwait(false)) continue;
            await bot.Retry.RunAsync($"asking GitHub to redeliver {guid}", async () =>
            {
                var status = await connection.Post(new Uri($"app/hook/deliveries/{id.ToString(CultureInfo.InvariantCulture)}/attempts", UriKind.Relative)).ConfigureAwait(false);
                return (object)status;
            }, cancellationToken).ConfigureAwait(false);
            BotLog.Redelivery(bot.Logger, guid, eventName);
            asked.Add(guid);
        }

        return asked;
    }

    /// <summary>Deliveries none of whose attempts succeeded, once per GUID (each redelivery is listed as one more attempt).</summary>
    internal static IEnumerable<(long Id, string Guid, string Event)> Failed(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) yield break;
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        if (document.RootElement.ValueKind != JsonValueKind.Array) yield break;
        var attempts = document.RootElement.EnumerateArray()
            .Where(d => d.ValueKind == JsonValueKind.Object && d.TryGetProperty("id", out var i) && i.TryGetInt64(out _) &&
                        d.TryGetProperty("guid", out var g) && g.ValueKind == JsonValueKind.String)
            .Select(d => (Id: d.GetProperty("id").GetInt64(), Guid: d.GetProperty("guid").GetString()!,
                Event: d.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "unknown",
                Ok: d.TryGetProperty("status_code", out var s) && s.TryGetInt32(out var code) && code is >= 200 and < 300))
            .ToList();
        foreach (var group in attempts.GroupBy(a => a.Guid, StringComparer.Ordinal))
        {
            if (group.Any(a => a.Ok)) continue;
            var newest = group.MaxBy(a => a.Id);
            yield return (newest.Id, newest.Guid, newest.Event);
        }
    }
}
