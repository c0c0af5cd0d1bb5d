using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ContribBot.Bot.Operations;

/// <summary>
/// The service's counters, written as Prometheus text (<c>GET /metrics</c>): deliveries by outcome, jobs by kind and
/// outcome, job durations (sum and count, a Prometheus summary without quantiles), retries, teacher tokens,
/// installation tokens, and the queue's depth by state (read from the database at scrape time).
/// </summary>
public sealed class BotMetrics
{
    private readonly ConcurrentDictionary<string, long> _deliveries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Kind, string Outcome), long> _jobs = new();
    private readonly ConcurrentDictionary<string, (double Seconds, long Count)> _durations = new(StringComparer.Ordinal);
    private long _retries;
    private long _teacherTokens;

    public void Delivery(string outcome) => _deliveries.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    public void Job(string kind, string outcome, TimeSpan duration)
    {
        _jobs.AddOrUpdate((kind, outcome), 1, (_, n) => n + 1);
        _durations.AddOrUpdate(kind, (duration.TotalSeconds, 1), (_, d) => (d.Seconds + duration.TotalSeconds, d.Count + 1));
        if (outcome == "retried") Interlocked.Increment(ref _retries);
    }

    public void TeacherTokens(long tokens) => Interlocked.Add(ref _teacherTokens, tokens);

    public long JobCount(string kind, string outcome) => _jobs.TryGetValue((kind, outcome), out var n) ? n : 0;

    public string Render(IReadOnlyDictionary<string, long> queue, int installationTokensIssued)
    {
        var text = new StringBuilder();
        Family(text, "contribbot_webhook_deliveries_total", "counter", "Webhook deliveries received, by outcome.");
        foreach (var (outcome, n) in _deliveries.OrderBy(p => p.Key, StringComparer.Ordinal)) Line(text, "contribbot_webhook_deliveries_total", $"outcome=\"{outcome}\"", n);
        Family(text, "contribbot_jobs_total", "counter", "Jobs ended, by kind and outcome.");
        foreach (var ((kind, outcome), n) in _jobs.OrderBy(p => p.Key.Kind, StringComparer.Ordinal).ThenBy(p => p.Key.Outcome, StringComparer.Ordinal))
        {
            Line(text, "contribbot_jobs_total", $"kind=\"{kind}\",outcome=\"{outcome}\"", n);
        }

        Family(text, "contribbot_job_duration_seconds", "summary", "Time from taking a job to its end, by kind.");
        foreach (var (kind, (seconds, count)) in _durations.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append("contribbot_job_duration_seconds_sum{kind=\"").Append(kind).Append("\"} ").Append(seconds.ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
            text.Append("contribbot_job_duration_seconds_count{kind=\"").Append(kind).Append("\"} ").Append(count).Append('\n');
        }

        Family(text, "contribbot_job_retries_total", "counter", "Jobs given back to be tried again after a failure.");
        Line(text, "contribbot_job_retries_total", null, Interlocked.Read(ref _retries));
        Family(text, "contribbot_teacher_tokens_total", "counter", "Prompt and completion tokens the teacher and critic used in previews.");
        Line(text, "contribbot_teacher_tokens_total", null, Interlocked.Read(ref _teacherTokens));
        Family(text, "contribbot_installation_tokens_issued_total", "counter", "Installation tokens asked of GitHub.");
        Line(text, "contribbot_installation_tokens_issued_total", null, installationTokensIssued);
        Family(text, "contribbot_queue_jobs", "gauge", "Jobs in the queue, by state.");
        foreach (var state in new[] { "queued", "running", "done", "cancelled", "dead" })
        {
            Line(text, "contribbot_queue_jobs", $"state=\"{state}\"", queue.TryGetValue(state, out var n) ? n : 0);
        }

        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Line(StringBuilder text, string name, string? labels, long value) =>
        text.Append(name).Append(labels is null ? string.Empty : "{" + labels + "}").Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
