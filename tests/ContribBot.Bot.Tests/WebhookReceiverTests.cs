using System.Net;
using System.Text;
using ContribBot.Bot.Jobs;
using ContribBot.Bot.Webhooks;
using ContribBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ContribBot.Bot.Tests;

/// <summary>The webhook endpoint on Kestrel at a loopback port, storing into a real SQLite file.</summary>
public sealed class WebhookReceiverTests : IAsyncLifetime, IDisposable
{
    private const string Secret = "webhook-secret-for-tests";
    private readonly TempDirectory _folder = new();
    private readonly HttpClient _http = new();
    private JobStore _store = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _store = await JobStore.OpenAsync(Path.Combine(_folder.Path, "bot.db"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        WebhookReceiver.Map(_app, _store, Secret, maxBodyBytes: 64 * 1024);
        await _app.StartAsync();
        _http.BaseAddress = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    private const string PullRequestOpened =
        """{"action": "opened", "number": 12, "pull_request": {"number": 12, "head": {"sha": "abc"}}, "repository": {"full_name": "octo-org/taxonomy"}}""";

    private Task<HttpResponseMessage> PostAsync(string body, string? delivery = "d-1", string? signature = null, bool sign = true, string eventName = "pull_request")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (delivery is not null) request.Headers.Add("X-GitHub-Delivery", delivery);
        request.Headers.Add("X-GitHub-Event", eventName);
        if (sign) request.Headers.Add("X-Hub-Signature-256", signature ?? WebhookSignature.Sign(Secret, Encoding.UTF8.GetBytes(body)));
        return _http.SendAsync(request);
    }

    private async Task<long> JobsAsync() => (await _store.CountsAsync()).Values.Sum();

    [Fact]
    public async Task A_signed_delivery_is_stored_as_a_job_for_its_pull_request_and_answered_202()
    {
        using var response = await PostAsync(PullRequestOpened);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await _store.LeaseAsync("w", TimeSpan.FromMinutes(1));
        Assert.Equal(("pull_request", "octo-org/taxonomy#12"), (job!.Kind, job.Subject));
        Assert.Equal(PullRequestOpened, Encoding.UTF8.GetString(job.Payload));
    }

    [Fact]
    public async Task A_replayed_delivery_is_answered_200_and_changes_nothing()
    {
        using var first = await PostAsync(PullRequestOpened);
        using var replay = await PostAsync(PullRequestOpened);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("already received", await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, await JobsAsync());
    }

    [Fact]
    public async Task Unsigned_and_forged_deliveries_are_refused_and_store_nothing()
    {
        using var unsigned = await PostAsync(PullRequestOpened, sign: false);
        using var forged = await PostAsync(PullRequestOpened, delivery: "d-2", signature: WebhookSignature.Sign("not the secret", Encoding.UTF8.GetBytes(PullRequestOpened)));
        using var tampered = await PostAsync(PullRequestOpened.Replace("12", "13", StringComparison.Ordinal), delivery: "d-3",
            signature: WebhookSignature.Sign(Secret, Encoding.UTF8.GetBytes(PullRequestOpened)));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], [unsigned.StatusCode, forged.StatusCode, tampered.StatusCode]);
        Assert.Equal(0, await JobsAsync());
        Assert.False(await _store.HasDeliveryAsync("d-2")); // a forged delivery cannot burn a real delivery's id either
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_whether_or_not_it_declares_its_length()
    {
        var big = "{\"padding\": \"" + new string('x', 70 * 1024) + "\"}";
        using var declared = await PostAsync(big);
        var chunked = new HttpRequestMessage(HttpMethod.Post, "/webhooks") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))) };
        chunked.Headers.TransferEncodingChunked = true;
        chunked.Headers.Add("X-GitHub-Delivery", "d-9");
        chunked.Headers.Add("X-GitHub-Event", "pull_request");
        chunked.Headers.Add("X-Hub-Signature-256", WebhookSignature.Sign(Secret, Encoding.UTF8.GetBytes(big)));
        using var streamed = await _http.SendAsync(chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Equal(0, await JobsAsync());
    }

    [Fact]
    public async Task A_delivery_without_its_id_is_a_bad_request()
    {
        using var response = await PostAsync(PullRequestOpened, delivery: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await JobsAsync());
    }

    [Fact]
    public async Task A_payload_that_is_not_json_but_is_signed_is_still_stored_for_the_worker_to_report()
    {
        using var response = await PostAsync("{not json", delivery: "d-5");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("unknown", (await _store.LeaseAsync("w", TimeSpan.FromMinutes(1)))!.Subject);
    }

    [Fact]
    public async Task Health_is_reported_while_the_database_answers()
    {
        using var response = await _http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }
}
