using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ContribBot.Bot.Webhooks;
using ContribBot.Testing.FakeGitHub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

// Sends N signed issue_comment deliveries (ordinary comments, the most common event on a busy taxonomy) at a fixed
// rate, open loop (each at its planned time, whatever the answers before it did), to `contribbot serve`, and
// measures the time to each answer. Then waits for the queue to drain and reads the SQLite file: every delivery
// stored once, every job done on its first try, no dead letters. The same load goes to an ideal endpoint that only
// reads the body and answers 202. Median of the runs.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: Program CONTRIBBOT_BINARY DELIVERIES PER_SECOND RUNS");
    return 2;
}

var (binary, deliveries, perSecond, runs) = (args[0], int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture),
    int.Parse(args[3], CultureInfo.InvariantCulture));
const string Secret = "benchmark-webhook-secret";
using var key = RSA.Create(2048);
var results = new List<Run>();
var ideals = new List<Latencies>();
// This process is JIT-compiled (the server is native): one unmeasured pass warms up the sender and the ideal endpoint.
await IdealAsync(Math.Min(deliveries, 400), perSecond);
for (var run = 1; run <= runs; run++)
{
    ideals.Add(await IdealAsync(deliveries, perSecond));
    results.Add(await AppRunAsync(binary, deliveries, perSecond, key));
    Console.Error.WriteLine($"run {run}: app p50 {results[^1].Latency.P50:0.0} ms, p99 {results[^1].Latency.P99:0.0} ms; ideal p50 {ideals[^1].P50:0.0} ms, p99 {ideals[^1].P99:0.0} ms; " +
                            $"done {results[^1].JobsDone}/{deliveries}, lost {results[^1].Lost}, drained in {results[^1].DrainSeconds:0.0} s, peak RSS {results[^1].PeakRssMb:0} MB");
}

double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

Console.WriteLine();
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; {deliveries:N0} signed deliveries at {perSecond}/s on loopback; median of {runs} runs.");
Console.WriteLine();
Console.WriteLine("| Measure | contribbot serve | Ideal (reads the body, answers 202, stores nothing) | Ratio |");
Console.WriteLine("|---|---:|---:|---:|");
var (appP50, appP99, appMax) = (Median(results.Select(r => r.Latency.P50)), Median(results.Select(r => r.Latency.P99)), Median(results.Select(r => r.Latency.Max)));
var (idealP50, idealP99, idealMax) = (Median(ideals.Select(r => r.P50)), Median(ideals.Select(r => r.P99)), Median(ideals.Select(r => r.Max)));
Console.WriteLine($"| Time to 202, p50 (ms) | {appP50:0.0} | {idealP50:0.0} | {appP50 / idealP50:0.0}× |");
Console.WriteLine($"| Time to 202, p99 (ms) | {appP99:0.0} | {idealP99:0.0} | {appP99 / idealP99:0.0}× |");
Console.WriteLine($"| Time to 202, max (ms) | {appMax:0.0} | {idealMax:0.0} | {appMax / idealMax:0.0}× |");
Console.WriteLine($"| Answers other than 202 | {results.Sum(r => r.Latency.Errors)} | {ideals.Sum(r => r.Errors)} | |");
Console.WriteLine($"| Jobs done exactly once (all runs) | {results.Sum(r => r.JobsDone):N0} of {deliveries * runs:N0} | | |");
Console.WriteLine($"| Lost or repeated (all runs) | {results.Sum(r => r.Lost)} | | |");
Console.WriteLine($"| Queue drained after the last send (s) | {Median(results.Select(r => r.DrainSeconds)):0.0} | | |");
Console.WriteLine($"| Peak RSS of the server (MB) | {Median(results.Select(r => r.PeakRssMb)):0} | | |");
return results.All(r => r.Lost == 0 && r.JobsDone == deliveries) ? 0 : 1;

static async Task<Run> AppRunAsync(string binary, int deliveries, int perSecond, RSA key)
{
    var folder = Directory.CreateTempSubdirectory("contribbot-webhooks-");
    try
    {
        await using var github = await FakeGitHubServer.StartAsync();
        github.EnableApp("4242", RSA.Create(key.ExportParameters(false)), new Dictionary<string, long> { ["octo-org/taxonomy"] = 77 });
        var database = Path.Combine(folder.FullName, "bot.db");
        var start = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "serve", "--urls", "http://127.0.0.1:0", "--workers", "2", "--log-format", "text" }) start.ArgumentList.Add(arg);
        start.Environment["CONTRIBBOT_APP_ID"] = "4242";
        start.Environment["CONTRIBBOT_PRIVATE_KEY"] = key.ExportRSAPrivateKeyPem();
        start.Environment["CONTRIBBOT_WEBHOOK_SECRET"] = Secret;
        start.Environment["CONTRIBBOT_DATABASE"] = database;
        start.Environment["GITHUB_API_URL"] = github.BaseUrl.ToString();
        using var server = Process.Start(start)!;
        _ = server.StandardOutput.ReadToEndAsync();
        Uri? url = null;
        while (await server.StandardError.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("ContribBot App listening on ", StringComparison.Ordinal)) continue;
            url = new Uri(line["ContribBot App listening on ".Length..].Split(' ')[0]);
            break;
        }

        _ = server.StandardError.ReadToEndAsync();
        if (url is null) throw new InvalidOperationException("contribbot serve did not start");
        var bodies = Enumerable.Range(0, deliveries).Select(i => Encoding.UTF8.GetBytes(
            WebhookPayloads.IssueComment("octo-org/taxonomy", 12, 10_000 + i, $"Looks good to me ({i}).", "reviewer", "MEMBER", "/srv/taxonomy"))).ToList();
        var latency = await SendAsync(new Uri(url, "/webhooks"), bodies, perSecond, sign: true);
        var sent = Stopwatch.StartNew();
        using var http = new HttpClient();
        var metricsUrl = new Uri(url, "/metrics");
        while (sent.Elapsed < TimeSpan.FromMinutes(5))
        {
            var metrics = await http.GetStringAsync(metricsUrl);
            if (metrics.Contains("contribbot_queue_jobs{state=\"queued\"} 0\n", StringComparison.Ordinal) &&
                metrics.Contains("contribbot_queue_jobs{state=\"running\"} 0\n", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(20);
        }

        var drain = sent.Elapsed.TotalSeconds;
        var rss = PeakRssMb(server.Id);
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        var (done, lost) = await CountAsync(database, deliveries);
        return new Run(latency, done, lost, drain, rss);
    }
    finally
    {
        folder.Delete(recursive: true);
    }
}

// Every delivery stored once, with one job done on its first try; anything else (missing, repeated, retried, dead) is lost or repeated.
static async Task<(int Done, int Lost)> CountAsync(string database, int deliveries)
{
    await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
    await connection.OpenAsync();
    async Task<long> Scalar(string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    var stored = await Scalar("SELECT COUNT(*) FROM deliveries");
    var done = await Scalar("SELECT COUNT(DISTINCT delivery_id) FROM jobs WHERE state = 'done' AND attempts = 1");
    var jobs = await Scalar("SELECT COUNT(*) FROM jobs");
    var dead = await Scalar("SELECT COUNT(*) FROM dead_letters");
    var lost = (int)(Math.Abs(deliveries - stored) + Math.Abs(deliveries - done) + Math.Abs(jobs - done) + dead);
    return ((int)done, lost);
}

static double PeakRssMb(int pid)
{
    foreach (var line in File.ReadLines($"/proc/{pid}/status"))
    {
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
        {
            return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        }
    }

    return double.NaN;
}

static async Task<Latencies> IdealAsync(int deliveries, int perSecond)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    await using var app = builder.Build();
    app.MapPost("/webhooks", async (HttpContext context) =>
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        await context.Response.WriteAsync("queued");
    });
    await app.StartAsync();
    var bodies = Enumerable.Range(0, deliveries).Select(i => Encoding.UTF8.GetBytes(
        WebhookPayloads.IssueComment("octo-org/taxonomy", 12, 10_000 + i, $"Looks good to me ({i}).", "reviewer", "MEMBER", "/srv/taxonomy"))).ToList();
    var latency = await SendAsync(new Uri(new Uri(app.Urls.First()), "/webhooks"), bodies, perSecond, sign: true);
    await app.StopAsync();
    return latency;
}

// Open loop: delivery i leaves at i / perSecond seconds, whether or not earlier ones were answered.
static async Task<Latencies> SendAsync(Uri url, IReadOnlyList<byte[]> bodies, int perSecond, bool sign)
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
    var times = new double[bodies.Count];
    var statuses = new HttpStatusCode[bodies.Count];
    var clock = Stopwatch.StartNew();
    var tasks = new List<Task>(bodies.Count);
    for (var i = 0; i < bodies.Count; i++)
    {
        var due = TimeSpan.FromSeconds((double)i / perSecond);
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        var index = i;
        tasks.Add(Task.Run(async () =>
        {
            var body = bodies[index];
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
            request.Headers.Add("X-GitHub-Event", "issue_comment");
            if (sign) request.Headers.Add("X-Hub-Signature-256", WebhookSignature.Sign(Secret, body));
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            times[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            statuses[index] = response.StatusCode;
        }));
    }

    await Task.WhenAll(tasks);
    var sorted = times.Order().ToArray();
    double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    return new Latencies(Percentile(0.50), Percentile(0.99), sorted[^1], statuses.Count(s => s != HttpStatusCode.Accepted));
}

internal sealed record Latencies(double P50, double P99, double Max, int Errors);

internal sealed record Run(Latencies Latency, int JobsDone, int Lost, double DrainSeconds, double PeakRssMb);
