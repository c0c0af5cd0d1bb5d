using ContribBot.Bot.Auth;
using ContribBot.Bot.Jobs;
using ContribBot.Bot.Mirrors;
using ContribBot.Bot.Operations;
using ContribBot.Bot.Storage;
using ContribBot.Bot.Webhooks;
using ContribBot.Bot.Work;
using ContribBot.GitHub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContribBot.Bot.Hosting;

/// <summary>
/// The running App: Kestrel with <c>POST /webhooks</c>, <c>GET /healthz</c> and <c>GET /metrics</c>; the workers;
/// the sweeper of stale check runs; and the recovery of missed deliveries (on start and every few minutes).
/// Stopping takes no new jobs, waits up to the grace period for running ones, then gives the rest back to the queue.
/// </summary>
public sealed class BotService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly JobStore _jobs;
    private readonly BotRecords _records;
    private readonly GitHubClientFactory _clients;
    private readonly CancellationTokenSource _stopTaking = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly List<Task> _loops = [];
    private bool _stopped;

    private BotService(WebApplication app, JobStore jobs, BotRecords records, GitHubClientFactory clients, BotContext context)
    {
        _app = app;
        _jobs = jobs;
        _records = records;
        _clients = clients;
        Context = context;
    }

    public BotContext Context { get; }

    /// <summary>The addresses Kestrel listens on (with the port it chose for ":0").</summary>
    public IReadOnlyList<Uri> Urls => [.. _app.Urls.Select(url => new Uri(url))];

    /// <param name="urls">Where to listen, e.g. http://0.0.0.0:8080 (behind a TLS-terminating proxy).</param>
    /// <param name="logging">Sets up logging (structured JSON for operations; none in tests).</param>
    public static async Task<BotService> StartAsync(
        BotOptions options, AppIdentity identity, string webhookSecret, IReadOnlyList<string> urls, Action<ILoggingBuilder> logging, TimeProvider? time = null,
        HttpMessageHandler? githubHandler = null, CancellationToken cancellationToken = default)
    {
        var clock = time ?? TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging(builder.Logging);
        // One line per delivery and job is ours; Kestrel's per-request lines would drown them.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseUrls([.. urls]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = WebhookReceiver.DefaultMaxBodyBytes + 1);
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ContribBot.Bot");

        Directory.CreateDirectory(options.DataDirectory);
        var jobs = await JobStore.OpenAsync(options.Database, clock, cancellationToken).ConfigureAwait(false);
        var records = await BotRecords.OpenAsync(options.Database, clock, cancellationToken).ConfigureAwait(false);
        var clients = new GitHubClientFactory(options.ApiUrl, githubHandler);
        var metrics = new BotMetrics();
        var tokens = new InstallationTokens(identity, clients, new GitHubRetry(clock: clock) { MaxWait = TimeSpan.Zero }, clock);
        var mirror = new RepositoryMirror(Path.Combine(options.DataDirectory, "mirrors"), GitHost(clients.ApiUrl), options.AllowLocalRepos);
        var context = new BotContext(options, jobs, records, tokens, mirror, metrics, logger, clock);

        WebhookReceiver.Map(app, jobs, webhookSecret, WebhookReceiver.DefaultMaxBodyBytes, metrics, logger);
        app.MapGet("/metrics", async (HttpContext http) =>
        {
            var queue = await jobs.CountsAsync(http.RequestAborted).ConfigureAwait(false);
            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await http.Response.WriteAsync(metrics.Render(queue, tokens.TokensIssued), http.RequestAborted).ConfigureAwait(false);
        });

        var service = new BotService(app, jobs, records, clients, context);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        service.StartLoops();
        return service;
    }

    /// <summary>github.com for the public API, else the Enterprise Server's own host: the only host clone URLs may name.</summary>
    internal static string GitHost(Uri apiUrl) => apiUrl.Host == "api.github.com" ? "github.com" : apiUrl.Host;

    private void StartLoops()
    {
        var options = Context.Options;
        for (var i = 0; i < options.Workers; i++)
        {
            var worker = new JobWorker(Context, $"{Environment.MachineName}:{Environment.ProcessId}:{i}");
            _loops.Add(Task.Run(() => worker.RunAsync(_stopTaking.Token, _abandon.Token)));
        }

        var sweeper = new CheckRunSweeper(Context);
        _loops.Add(EveryAsync("sweeping stale check runs", options.SweepInterval, sweeper.SweepAsync));
        var recovery = new DeliveryRecovery(Context);
        _loops.Add(EveryAsync("recovering missed deliveries", options.RecoveryInterval, recovery.RecoverAsync));
    }

    /// <summary>Runs <paramref name="work"/> now and then every <paramref name="interval"/>; a failure is logged and tried at the next turn.</summary>
    private async Task EveryAsync<T>(string what, TimeSpan interval, Func<CancellationToken, Task<T>> work)
    {
        var stop = _stopTaking.Token;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await work(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is GitHubPublishException or System.Data.Common.DbException or HttpRequestException or InvalidDataException
                                                  or System.Text.Json.JsonException)
            {
                BotLog.BackgroundFailed(Context.Logger, what, exception.Message);
            }

            try
            {
                await Task.Delay(interval, Context.Time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits until the host is told to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops taking work, lets running jobs finish within the grace period, gives back the rest, and stops listening.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _stopTaking.CancelAsync().ConfigureAwait(false);
        var all = Task.WhenAll(_loops);
        if (await Task.WhenAny(all, Task.Delay(Context.Options.ShutdownGrace)).ConfigureAwait(false) != all) await _abandon.CancelAsync().ConfigureAwait(false);
        await all.ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _jobs.DisposeAsync().ConfigureAwait(false);
        await _records.DisposeAsync().ConfigureAwait(false);
        _clients.Dispose();
        _stopTaking.Dispose();
        _abandon.Dispose();
    }
}
