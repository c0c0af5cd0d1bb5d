using ContribBot.Bot.Storage;

namespace ContribBot.Bot.Jobs;

/// <summary>
/// The bot's durable queue, in a SQLite file or in PostgreSQL (<see cref="SqlDialect"/>). A delivery is stored with its job in one transaction, and a delivery
/// id seen before stores nothing. A worker takes a job on a lease (a visibility timeout) that it renews while it
/// works; a job whose lease ran out, because its worker died, is taken again by the next worker. Nothing is removed
/// when it is taken: a job ends only as done, cancelled (superseded) or dead (its tries used up, kept with the last error).
/// </summary>
public sealed class JobStore : IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS deliveries (
            id TEXT PRIMARY KEY, event TEXT NOT NULL, received_at {int} NOT NULL);
        CREATE TABLE IF NOT EXISTS jobs (
            id {id}, delivery_id TEXT, kind TEXT NOT NULL, subject TEXT NOT NULL,
            payload {blob} NOT NULL, state TEXT NOT NULL, attempts {int} NOT NULL DEFAULT 0, not_before {int} NOT NULL,
            lease_owner TEXT, lease_until {int}, last_error TEXT, created_at {int} NOT NULL, ended_at {int});
        CREATE INDEX IF NOT EXISTS jobs_ready ON jobs (state, not_before);
        CREATE INDEX IF NOT EXISTS jobs_subject ON jobs (kind, subject, state);
        CREATE TABLE IF NOT EXISTS dead_letters (
            job_id {int} PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL, payload {blob} NOT NULL,
            attempts {int} NOT NULL, last_error TEXT, died_at {int} NOT NULL);
        """;

    private readonly BotDatabase _database;
    private readonly TimeProvider _time;

    private JobStore(BotDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Most tries of a job before it goes to the dead letters.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Opens (creating when needed) the queue in <paramref name="location"/>.</summary>
    public static async Task<JobStore> OpenAsync(DatabaseLocation location, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        new(await BotDatabase.OpenAsync(location, Schema, cancellationToken).ConfigureAwait(false), time ?? TimeProvider.System);

    /// <summary>Opens (creating when needed) the queue in the SQLite file <paramref name="path"/>.</summary>
    public static Task<JobStore> OpenAsync(string path, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        OpenAsync(DatabaseLocation.SqliteFile(path), time, cancellationToken);

    /// <summary>
    /// Stores a delivery and its job in one transaction; false (and nothing stored) when the delivery id was seen
    /// before, as a redelivery or a replay is.
    /// </summary>
    public Task<bool> EnqueueDeliveryAsync(string deliveryId, string eventName, JobRequest job, CancellationToken cancellationToken = default) =>
        _database.InTransactionAsync(async transaction =>
        {
            var stored = await transaction.ExecuteAsync("INSERT INTO deliveries (id, event, received_at) VALUES (@id, @event, @now) ON CONFLICT (id) DO NOTHING",
                [("@id", deliveryId), ("@event", eventName), ("@now", Now())], cancellationToken).ConfigureAwait(false);
            if (stored == 0) return false;
            await InsertAsync(transaction, deliveryId, job, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Queues a job the bot made itself (a preview asked for by a push, a comment or a re-run); returns its id.</summary>
    public Task<long> EnqueueAsync(JobRequest job, CancellationToken cancellationToken = default) =>
        _database.InTransactionAsync(transaction => InsertAsync(transaction, null, job, cancellationToken), cancellationToken);

    private async Task<long> InsertAsync(BotDatabase.Transaction transaction, string? deliveryId, JobRequest job, CancellationToken cancellationToken)
    {
        var now = Now();
        if (job.Supersedes)
        {
            await transaction.ExecuteAsync("UPDATE jobs SET state = 'cancelled', ended_at = @now, last_error = 'superseded by a newer ' || @kind " +
                                           "WHERE kind = @kind AND subject = @subject AND state IN ('queued', 'running')",
                [("@now", now), ("@kind", job.Kind), ("@subject", job.Subject)], cancellationToken).ConfigureAwait(false);
        }

        await using var command = transaction.Command("INSERT INTO jobs (delivery_id, kind, subject, payload, state, not_before, created_at) " +
                                                "VALUES (@id, @kind, @subject, @payload, 'queued', @now, @now) RETURNING id",
            [("@id", (object?)deliveryId ?? DBNull.Value), ("@kind", job.Kind), ("@subject", job.Subject), ("@payload", job.Payload), ("@now", now)]);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Whether a delivery id has been stored (the missed-deliveries check asks before requesting a redelivery).</summary>
    public async Task<bool> HasDeliveryAsync(string deliveryId, CancellationToken cancellationToken = default) =>
        await _database.ScalarAsync("SELECT COUNT(*) FROM deliveries WHERE id = @id", [("@id", deliveryId)], cancellationToken).ConfigureAwait(false) > 0;

    /// <summary>
    /// The next ready job on a lease of <paramref name="lease"/> for <paramref name="worker"/>: a queued job whose
    /// not-before time has come, or a running one whose lease ran out (its worker died). Null when there is none.
    /// </summary>
    public Task<LeasedJob?> LeaseAsync(string worker, TimeSpan lease, CancellationToken cancellationToken = default) =>
        _database.InTransactionAsync(async transaction =>
        {
            var now = Now();
            var until = now + (long)lease.TotalMilliseconds;
            await using var command = transaction.Command($"""
                UPDATE jobs SET state = 'running', lease_owner = @worker, lease_until = @until, attempts = attempts + 1
                WHERE id = (SELECT id FROM jobs
                            WHERE (state = 'queued' AND not_before <= @now) OR (state = 'running' AND lease_until < @now)
                            ORDER BY not_before, id LIMIT 1{_database.Dialect.LockForLease})
                RETURNING id, kind, subject, payload, attempts
                """, [("@worker", worker), ("@until", until), ("@now", now)]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
            return new LeasedJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3), (int)reader.GetInt64(4),
                worker, DateTimeOffset.FromUnixTimeMilliseconds(until));
        }, cancellationToken);

    /// <summary>Extends a lease; false when the job is no longer this worker's (its lease ran out and another took it) or was superseded.</summary>
    public async Task<bool> RenewAsync(LeasedJob job, TimeSpan lease, CancellationToken cancellationToken = default) =>
        await _database.WriteAsync("UPDATE jobs SET lease_until = @until WHERE id = @id AND lease_owner = @worker AND state = 'running'",
            [("@until", Now() + (long)lease.TotalMilliseconds), ("@id", job.Id), ("@worker", job.Worker)], cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>Marks the job done; false when it was not this worker's any more (its result must then not be published twice).</summary>
    public async Task<bool> CompleteAsync(LeasedJob job, CancellationToken cancellationToken = default) =>
        await _database.WriteAsync("UPDATE jobs SET state = 'done', ended_at = @now, lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @worker AND state = 'running'",
            [("@now", Now()), ("@id", job.Id), ("@worker", job.Worker)], cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>
    /// Gives the job back after a failure: tried again after 2^attempt seconds (at most 10 minutes), or, with its tries
    /// used up, moved to the dead letters with <paramref name="error"/>. True when it went to the dead letters.
    /// </summary>
    /// <param name="final">Trying again cannot help (a payload GitHub would not send, a refusal): straight to the dead letters.</param>
    public Task<bool> FailAsync(LeasedJob job, string error, bool final = false, CancellationToken cancellationToken = default) =>
        _database.InTransactionAsync(async transaction =>
        {
            var now = Now();
            if (final || job.Attempt >= MaxAttempts)
            {
                await transaction.ExecuteAsync("INSERT INTO dead_letters (job_id, kind, subject, payload, attempts, last_error, died_at) " +
                                               "SELECT id, kind, subject, payload, attempts, @error, @now FROM jobs WHERE id = @id AND lease_owner = @worker " +
                                               "ON CONFLICT (job_id) DO UPDATE SET attempts = excluded.attempts, last_error = excluded.last_error, died_at = excluded.died_at",
                    [("@error", error), ("@now", now), ("@id", job.Id), ("@worker", job.Worker)], cancellationToken).ConfigureAwait(false);
                await transaction.ExecuteAsync("UPDATE jobs SET state = 'dead', ended_at = @now, last_error = @error, lease_owner = NULL, lease_until = NULL " +
                                               "WHERE id = @id AND lease_owner = @worker AND state = 'running'",
                    [("@now", now), ("@error", error), ("@id", job.Id), ("@worker", job.Worker)], cancellationToken).ConfigureAwait(false);
                return true;
            }

            var backoff = (long)Math.Min(600_000, 1000 * Math.Pow(2, job.Attempt));
            await transaction.ExecuteAsync("UPDATE jobs SET state = 'queued', not_before = @when, last_error = @error, lease_owner = NULL, lease_until = NULL " +
                                           "WHERE id = @id AND lease_owner = @worker AND state = 'running'",
                [("@when", now + backoff), ("@error", error), ("@id", job.Id), ("@worker", job.Worker)], cancellationToken).ConfigureAwait(false);
            return false;
        }, cancellationToken);

    /// <summary>
    /// Gives the job back untried until <paramref name="notBefore"/> (GitHub said to wait: a rate limit), without
    /// counting the try and without a worker sleeping on it.
    /// </summary>
    public async Task DeferAsync(LeasedJob job, DateTimeOffset notBefore, string reason, CancellationToken cancellationToken = default) =>
        await _database.WriteAsync("UPDATE jobs SET state = 'queued', not_before = @when, attempts = attempts - 1, last_error = @reason, lease_owner = NULL, lease_until = NULL " +
                                   "WHERE id = @id AND lease_owner = @worker AND state = 'running'",
            [("@when", notBefore.ToUnixTimeMilliseconds()), ("@reason", reason), ("@id", job.Id), ("@worker", job.Worker)], cancellationToken).ConfigureAwait(false);

    /// <summary>Gives a job back at once, untried (the service is shutting down before the job could finish).</summary>
    public Task ReleaseAsync(LeasedJob job, CancellationToken cancellationToken = default) =>
        DeferAsync(job, _time.GetUtcNow(), "released at shutdown", cancellationToken);

    /// <summary>Jobs per state, for /metrics and tests.</summary>
    public Task<IReadOnlyDictionary<string, long>> CountsAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyDictionary<string, long>>("SELECT state, COUNT(*) FROM jobs GROUP BY state", [], async reader =>
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) counts[reader.GetString(0)] = reader.GetInt64(1);
            return counts;
        }, cancellationToken);

    /// <summary>The state of a job (queued, running, done, cancelled, dead), or null when there is no such job.</summary>
    public Task<string?> StateAsync(long jobId, CancellationToken cancellationToken = default) =>
        _database.ReadAsync<string?>("SELECT state FROM jobs WHERE id = @id", [("@id", jobId)], async reader =>
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetString(0) : null, cancellationToken);

    /// <summary>The last error of a job (why it was cancelled or died).</summary>
    public Task<string?> LastErrorAsync(long jobId, CancellationToken cancellationToken = default) =>
        _database.ReadAsync<string?>("SELECT last_error FROM jobs WHERE id = @id", [("@id", jobId)], async reader =>
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetString(0) : null, cancellationToken);

    /// <summary>The dead letters: each job that used up its tries, with its last error.</summary>
    public Task<IReadOnlyList<(long JobId, string Kind, string Subject, int Attempts, string? LastError)>> DeadLettersAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyList<(long, string, string, int, string?)>>("SELECT job_id, kind, subject, attempts, last_error FROM dead_letters ORDER BY job_id", [], async reader =>
        {
            var letters = new List<(long, string, string, int, string?)>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                letters.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (int)reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
            }

            return letters;
        }, cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
