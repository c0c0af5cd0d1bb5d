using ContribBot.Core.Quality.Review;

namespace ContribBot.Bot.Storage;

/// <summary>
/// What the bot keeps beside its queue, in the same database: the check runs it started (so a sweeper can finish
/// any a dead or superseded job left open), the commands each pull request was sent (for the rate limit), the
/// latest report of each pull request (so a review can be shown without checking again), and the human verdicts on
/// samples with who gave them and when.
/// </summary>
public sealed class BotRecords : IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS check_runs (
            repository TEXT NOT NULL, check_run_id {int} NOT NULL, head_sha TEXT NOT NULL, job_id {int},
            started_at {int} NOT NULL, completed_at {int}, PRIMARY KEY (repository, check_run_id));
        CREATE TABLE IF NOT EXISTS commands (subject TEXT NOT NULL, at {int} NOT NULL);
        CREATE INDEX IF NOT EXISTS commands_subject ON commands (subject, at);
        CREATE TABLE IF NOT EXISTS reports (
            subject TEXT PRIMARY KEY, head_sha TEXT NOT NULL, report {blob} NOT NULL, at {int} NOT NULL);
        CREATE TABLE IF NOT EXISTS reviews (
            subject TEXT NOT NULL, preview TEXT NOT NULL, sample_id TEXT NOT NULL, review TEXT NOT NULL, at {int} NOT NULL,
            PRIMARY KEY (subject, preview, sample_id));
        """;

    private readonly BotDatabase _database;
    private readonly TimeProvider _time;

    private BotRecords(BotDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public static async Task<BotRecords> OpenAsync(DatabaseLocation location, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        new(await BotDatabase.OpenAsync(location, Schema, cancellationToken).ConfigureAwait(false), time ?? TimeProvider.System);

    public static Task<BotRecords> OpenAsync(string path, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        OpenAsync(DatabaseLocation.SqliteFile(path), time, cancellationToken);

    /// <summary>A check run the bot started, and the job that will complete it.</summary>
    public Task StartedCheckRunAsync(string repository, long checkRunId, string headSha, long? jobId, CancellationToken cancellationToken = default) =>
        _database.WriteAsync("INSERT INTO check_runs (repository, check_run_id, head_sha, job_id, started_at) VALUES (@repo, @id, @sha, @job, @now) " +
                             "ON CONFLICT (repository, check_run_id) DO UPDATE SET job_id = @job, completed_at = NULL, started_at = @now",
            [("@repo", repository), ("@id", checkRunId), ("@sha", headSha), ("@job", (object?)jobId ?? DBNull.Value), ("@now", Now())], cancellationToken);

    public Task CompletedCheckRunAsync(string repository, long checkRunId, CancellationToken cancellationToken = default) =>
        _database.WriteAsync("UPDATE check_runs SET completed_at = @now WHERE repository = @repo AND check_run_id = @id",
            [("@now", Now()), ("@repo", repository), ("@id", checkRunId)], cancellationToken);

    /// <summary>Check runs still open, with their job (null when none was queued for them).</summary>
    public Task<IReadOnlyList<OpenCheckRun>> OpenCheckRunsAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyList<OpenCheckRun>>("SELECT repository, check_run_id, head_sha, job_id, started_at FROM check_runs WHERE completed_at IS NULL", [],
            async reader =>
            {
                var runs = new List<OpenCheckRun>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    runs.Add(new OpenCheckRun(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
                        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
                }

                return runs;
            }, cancellationToken);

    /// <summary>
    /// Counts a command against the pull request's limit: true (and counted) when fewer than <paramref name="limit"/>
    /// were taken in the last <paramref name="window"/>.
    /// </summary>
    public Task<bool> TryTakeCommandAsync(string subject, int limit, TimeSpan window, CancellationToken cancellationToken = default) =>
        _database.InTransactionAsync(async transaction =>
        {
            var now = Now();
            if (_database.Dialect.LockSubject is { } lockSubject) await transaction.ExecuteAsync(lockSubject, [("@subject", subject)], cancellationToken).ConfigureAwait(false);
            await using var count = transaction.Command("SELECT COUNT(*) FROM commands WHERE subject = @subject AND at > @since",
                [("@subject", subject), ("@since", now - (long)window.TotalMilliseconds)]);
            if ((long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! >= limit) return false;
            await transaction.ExecuteAsync("INSERT INTO commands (subject, at) VALUES (@subject, @now)", [("@subject", subject), ("@now", now)], cancellationToken)
                .ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task SaveReportAsync(string subject, string headSha, byte[] reportJson, CancellationToken cancellationToken = default) =>
        _database.WriteAsync("INSERT INTO reports (subject, head_sha, report, at) VALUES (@subject, @sha, @report, @now) " +
                             "ON CONFLICT (subject) DO UPDATE SET head_sha = @sha, report = @report, at = @now",
            [("@subject", subject), ("@sha", headSha), ("@report", reportJson), ("@now", Now())], cancellationToken);

    /// <summary>The pull request's latest report.json and the commit it was made from, or null.</summary>
    public Task<(string HeadSha, byte[] Report)?> ReportAsync(string subject, CancellationToken cancellationToken = default) =>
        _database.ReadAsync<(string, byte[])?>("SELECT head_sha, report FROM reports WHERE subject = @subject", [("@subject", subject)], async reader =>
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetString(0), (byte[])reader.GetValue(1)) : null, cancellationToken);

    /// <summary>
    /// Stores a verdict with its sample (as the comment carries it to the build); a later verdict on the same sample
    /// of the same preview replaces the earlier one. Verdicts on earlier previews are kept.
    /// </summary>
    public Task SaveReviewAsync(string subject, ReviewedSample review, CancellationToken cancellationToken = default) =>
        _database.WriteAsync("INSERT INTO reviews (subject, preview, sample_id, review, at) VALUES (@subject, @preview, @id, @review, @at) " +
                             "ON CONFLICT (subject, preview, sample_id) DO UPDATE SET review = @review, at = @at",
            [("@subject", subject), ("@preview", review.Preview ?? ""), ("@id", review.SampleId ?? ""), ("@review", ReviewsFile.ToLine(review)),
                ("@at", review.At.ToUnixTimeMilliseconds())], cancellationToken);

    /// <summary>Every verdict given on the pull request, oldest first.</summary>
    public Task<IReadOnlyList<ReviewedSample>> ReviewsAsync(string subject, CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyList<ReviewedSample>>("SELECT review FROM reviews WHERE subject = @subject ORDER BY at, sample_id", [("@subject", subject)],
            async reader =>
            {
                var lines = new List<string>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) lines.Add(reader.GetString(0));
                return await ReviewsFile.ReadAsync(new StringReader(string.Join('\n', lines)), "the reviews table", cancellationToken).ConfigureAwait(false);
            }, cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}

/// <summary>A check run the bot started and has not completed.</summary>
public sealed record OpenCheckRun(string Repository, long CheckRunId, string HeadSha, long? JobId, DateTimeOffset StartedAt);

