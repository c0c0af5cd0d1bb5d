using Microsoft.Data.Sqlite;

namespace ContribBot.Bot.Storage;

/// <summary>
/// One connection to the bot's SQLite file (WAL, so the webhook receiver writes while workers read; a busy timeout,
/// so a second process waits for the lock instead of failing), used one command at a time, with writes in IMMEDIATE
/// transactions. The job queue and the bot's records (check runs, reviews, reports) each hold one.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteDatabase(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating when needed) the file and runs <paramref name="schema"/> (CREATE … IF NOT EXISTS statements).</summary>
    public static async Task<SqliteDatabase> OpenAsync(string path, string schema, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } folder) Directory.CreateDirectory(folder);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;\n" + schema, [], null, cancellationToken)
            .ConfigureAwait(false);
        return new SqliteDatabase(connection);
    }

    public Task<long> ScalarAsync(string sql, (string, object)[] parameters, CancellationToken cancellationToken) =>
        ReadAsync(sql, parameters, async reader =>
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetInt64(0) : 0, cancellationToken);

    /// <summary>A query read under the connection's gate.</summary>
    public async Task<T> ReadAsync<T>(string sql, (string, object)[] parameters, Func<SqliteDataReader, Task<T>> read, CancellationToken cancellationToken)
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

    public Task<int> WriteAsync(string sql, (string, object)[] parameters, CancellationToken cancellationToken) =>
        InTransactionAsync(transaction => transaction.ExecuteAsync(sql, parameters, cancellationToken), cancellationToken);

    /// <summary>One writer at a time on this connection, in one transaction.</summary>
    public async Task<T> InTransactionAsync<T>(Func<Transaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
            var result = await work(new Transaction(_connection, transaction)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>Commands inside one open transaction.</summary>
    public sealed class Transaction(SqliteConnection connection, SqliteTransaction transaction)
    {
        public Task<int> ExecuteAsync(string sql, (string, object)[] parameters, CancellationToken cancellationToken) =>
            SqliteDatabase.ExecuteAsync(connection, sql, parameters, transaction, cancellationToken);

        public SqliteCommand Command(string sql, (string, object)[] parameters) => NewCommand(connection, sql, parameters, transaction);
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
        SqliteConnection connection, string sql, (string Name, object Value)[] parameters, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = NewCommand(connection, sql, parameters, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
