using Microsoft.Data.Sqlite;

namespace ContribBot.Bot.Jobs;

/// <summary>
/// The bot's durable queue in one SQLite file (WAL, so the webhook receiver writes while workers read). A delivery
/// is stored with its job in one transaction, and a delivery id seen before stores nothing. A worker takes a job on
/// a lease (a visibility timeout) that it renews while it works; a job whose lease ran out, because its worker died,
/// is taken again by the next worker. Nothing is removed when it is taken: a job ends only as done, cancelled
/// (superseded) or dead (its tries used up, kept with the last error).
/// </summary>
public sealed class SqliteJobStore : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteJobStore(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    /// <summary>Most tries of a job before it goes to the dead letters.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Opens (creating when needed) the queue in <paramref name="path"/>.</summary>
    public static async Task<SqliteJobStore> OpenAsync(string path, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, """
            PRAGMA journal_mode = WAL;
            PRAGMA busy_timeout = 5000;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS deliveries (
                id TEXT PRIMARY KEY, event TEXT NOT NULL, received_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS jobs (
                id INTEGER PRIMARY KEY AUTOINCREMENT, delivery_id TEXT, kind TEXT NOT NULL, subject TEXT NOT NULL,
                payload BLOB NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, not_before INTEGER NOT NULL,
                lease_owner TEXT, lease_until INTEGER, last_error TEXT, created_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS jobs_ready ON jobs (state, not_before);
            CREATE INDEX IF NOT EXISTS jobs_subject ON jobs (kind, subject, state);
            CREATE TABLE IF NOT EXISTS dead_letters (
                job_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL, payload BLOB NOT NULL,
                attempts INTEGER NOT NULL, last_error TEXT, died_at INTEGER NOT NULL);
            """, [], cancellationToken).ConfigureAwait(false);
        return new SqliteJobStore(connection, time ?? TimeProvider.System);
    }

    /// <summary>
    /// Stores a delivery and its job in one transaction; false (and nothing stored) when the delivery id was seen
    /// before, as a redelivery or a replay is.
    /// </summary>
    public Task<bool> EnqueueDeliveryAsync(string deliveryId, string eventName, JobRequest job, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async transaction =>
        {
            var now = Now();
            var stored = await ExecuteAsync(_connection, "INSERT OR IGNORE INTO deliveries (id, event, received_at) VALUES ($id, $event, $now)",
                [("$id", deliveryId), ("$event", eventName), ("$now", now)], cancellationToken, transaction).ConfigureAwait(false);
            if (stored == 0) return false;
            if (job.Supersedes)
            {
                await ExecuteAsync(_connection, "UPDATE jobs SET state = 'cancelled', last_error = 'superseded by delivery ' || $id " +
                                                "WHERE kind = $kind AND subject = $subject AND state IN ('queued', 'running')",
                    [("$id", deliveryId), ("$kind", job.Kind), ("$subject", job.Subject)], cancellationToken, transaction).ConfigureAwait(false);
            }

            await ExecuteAsync(_connection, "INSERT INTO jobs (delivery_id, kind, subject, payload, state, not_before, created_at) " +
                                            "VALUES ($id, $kind, $subject, $payload, 'queued', $now, $now)",
                [("$id", deliveryId), ("$kind", job.Kind), ("$subject", job.Subject), ("$payload", job.Payload), ("$now", now)], cancellationToken, transaction)
                .ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Whether a delivery id has been stored (the missed-deliveries check asks before requesting a redelivery).</summary>
    public async Task<bool> HasDeliveryAsync(string deliveryId, CancellationToken cancellationToken = default) =>
        await ScalarAsync("SELECT COUNT(*) FROM deliveries WHERE id = $id", [("$id", deliveryId)], cancellationToken).ConfigureAwait(false) > 0;

    /// <summary>
    /// The next ready job on a lease of <paramref name="lease"/> for <paramref name="worker"/>: a queued job whose
    /// not-before time has come, or a running one whose lease ran out (its worker died). Null when there is none.
    /// </summary>
    public Task<LeasedJob?> LeaseAsync(string worker, TimeSpan lease, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async transaction =>
        {
            var now = Now();
            var until = now + (long)lease.TotalMilliseconds;
            using var command = NewCommand(_connection, """
                UPDATE jobs SET state = 'running', lease_owner = $worker, lease_until = $until, attempts = attempts + 1
                WHERE id = (SELECT id FROM jobs
                            WHERE (state = 'queued' AND not_before <= $now) OR (state = 'running' AND lease_until < $now)
                            ORDER BY not_before, id LIMIT 1)
                RETURNING id, kind, subject, payload, attempts
                """, [("$worker", worker), ("$until", until), ("$now", now)], transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
            return new LeasedJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3), reader.GetInt32(4),
                worker, DateTimeOffset.FromUnixTimeMilliseconds(until));
        }, cancellationToken);

    /// <summary>Extends a lease; false when the job is no longer this worker's (its lease ran out and another took it) or was superseded.</summary>
    public async Task<bool> RenewAsync(LeasedJob job, TimeSpan lease, CancellationToken cancellationToken = default) =>
        await WriteAsync("UPDATE jobs SET lease_until = $until WHERE id = $id AND lease_owner = $worker AND state = 'running'",
            [("$until", Now() + (long)lease.TotalMilliseconds), ("$id", job.Id), ("$worker", job.Worker)], cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>Marks the job done; false when it was not this worker's any more (its result must then not be published twice).</summary>
    public async Task<bool> CompleteAsync(LeasedJob job, CancellationToken cancellationToken = default) =>
        await WriteAsync("UPDATE jobs SET state = 'done', lease_owner = NULL, lease_until = NULL WHERE id = $id AND lease_owner = $worker AND state = 'running'",
            [("$id", job.Id), ("$worker", job.Worker)], cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>
    /// Gives the job back after a failure: tried again after 2^attempt seconds (at most 10 minutes), or, with its tries
    /// used up, moved to the dead letters with <paramref name="error"/>.
    /// </summary>
    public Task FailAsync(LeasedJob job, string error, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async transaction =>
        {
            var now = Now();
            if (job.Attempt >= MaxAttempts)
            {
                await ExecuteAsync(_connection, "INSERT OR REPLACE INTO dead_letters (job_id, kind, subject, payload, attempts, last_error, died_at) " +
                                                "SELECT id, kind, subject, payload, attempts, $error, $now FROM jobs WHERE id = $id AND lease_owner = $worker",
                    [("$error", error), ("$now", now), ("$id", job.Id), ("$worker", job.Worker)], cancellationToken, transaction).ConfigureAwait(false);
                await ExecuteAsync(_connection, "UPDATE jobs SET state = 'dead', last_error = $error, lease_owner = NULL, lease_until = NULL " +
                                                "WHERE id = $id AND lease_owner = $worker AND state = 'running'",
                    [("$error", error), ("$id", job.Id), ("$worker", job.Worker)], cancellationToken, transaction).ConfigureAwait(false);
                return true;
            }

            var backoff = (long)Math.Min(600_000, 1000 * Math.Pow(2, job.Attempt));
            await ExecuteAsync(_connection, "UPDATE jobs SET state = 'queued', not_before = $when, last_error = $error, lease_owner = NULL, lease_until = NULL " +
                                            "WHERE id = $id AND lease_owner = $worker AND state = 'running'",
                [("$when", now + backoff), ("$error", error), ("$id", job.Id), ("$worker", job.Worker)], cancellationToken, transaction).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Gives the job back untried until <paramref name="notBefore"/> (GitHub said to wait: a rate limit), without
    /// counting the try and without a worker sleeping on it.
    /// </summary>
    public async Task DeferAsync(LeasedJob job, DateTimeOffset notBefore, string reason, CancellationToken cancellationToken = default) =>
        await WriteAsync("UPDATE jobs SET state = 'queued', not_before = $when, attempts = attempts - 1, last_error = $reason, lease_owner = NULL, lease_until = NULL " +
                         "WHERE id = $id AND lease_owner = $worker AND state = 'running'",
            [("$when", notBefore.ToUnixTimeMilliseconds()), ("$reason", reason), ("$id", job.Id), ("$worker", job.Worker)], cancellationToken).ConfigureAwait(false);

    /// <summary>Jobs per state, for /metrics and tests.</summary>
    public Task<IReadOnlyDictionary<string, long>> CountsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyDictionary<string, long>>("SELECT state, COUNT(*) FROM jobs GROUP BY state", [], async reader =>
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) counts[reader.GetString(0)] = reader.GetInt64(1);
            return counts;
        }, cancellationToken);

    /// <summary>The dead letters: each job that used up its tries, with its last error.</summary>
    public Task<IReadOnlyList<(long JobId, string Kind, string Subject, int Attempts, string? LastError)>> DeadLettersAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<(long, string, string, int, string?)>>("SELECT job_id, kind, subject, attempts, last_error FROM dead_letters ORDER BY job_id", [], async reader =>
        {
            var letters = new List<(long, string, string, int, string?)>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                letters.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
            }

            return letters;
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<long> ScalarAsync(string sql, (string, object)[] parameters, CancellationToken cancellationToken) =>
        ReadAsync(sql, parameters, async reader =>
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(0) : 0, cancellationToken);

    /// <summary>A query read under the connection's gate (one command at a time on it).</summary>
    private async Task<T> ReadAsync<T>(string sql, (string, object)[] parameters, Func<SqliteDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = NewCommand(_connection, sql, parameters, null);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await read(reader).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<int> WriteAsync(string sql, (string, object)[] parameters, CancellationToken cancellationToken) =>
        InTransactionAsync(transaction => ExecuteAsync(_connection, sql, parameters, cancellationToken, transaction), cancellationToken);

    /// <summary>One writer at a time on this connection, in an IMMEDIATE transaction (so other processes wait for the lock instead of failing mid-way).</summary>
    private async Task<T> InTransactionAsync<T>(Func<SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
            var result = await work(transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static SqliteCommand NewCommand(SqliteConnection connection, string sql, (string Name, object Value)[] parameters, SqliteTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    private static async Task<int> ExecuteAsync(
        SqliteConnection connection, string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        using var command = NewCommand(connection, sql, parameters, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
