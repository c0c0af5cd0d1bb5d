using System.Data.Common;

namespace ContribBot.Bot.Storage;

/// <summary>
/// One connection to the bot's database (a SQLite file or PostgreSQL, <see cref="SqlDialect"/>), used one command at a
/// time, with writes in transactions. The job queue and the bot's records (check runs, reviews, reports) each hold one.
/// SQL is written once with <c>@name</c> parameters, which both providers take.
/// </summary>
public sealed class BotDatabase : IAsyncDisposable
{
    private readonly DatabaseLocation _location;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DbConnection _connection;
    private IAsyncDisposable? _owner;

    private BotDatabase(DbConnection connection, IAsyncDisposable? owner, DatabaseLocation location)
    {
        _connection = connection;
        _owner = owner;
        _location = location;
    }

    public SqlDialect Dialect => _location.Dialect;

    /// <summary>Opens the database (creating a SQLite file when needed) and runs <paramref name="schema"/> (CREATE … IF NOT EXISTS, in <see cref="SqlDialect.Ddl"/>'s notation).</summary>
    public static async Task<BotDatabase> OpenAsync(DatabaseLocation location, string schema, CancellationToken cancellationToken)
    {
        var (connection, owner) = await location.Dialect.OpenAsync(location, cancellationToken).ConfigureAwait(false);
        var database = new BotDatabase(connection, owner, location);
        try
        {
            await database.InTransactionAsync(transaction => transaction.ExecuteAsync(location.Dialect.Ddl(schema), [], cancellationToken), cancellationToken).ConfigureAwait(false);
            return database;
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<long> ScalarAsync(string sql, (string, object)[] parameters, CancellationToken cancellationToken) =>
        ReadAsync(sql, parameters, async reader =>
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetInt64(0) : 0, cancellationToken);

    /// <summary>A query read under the connection's gate.</summary>
    public async Task<T> ReadAsync<T>(string sql, (string, object)[] parameters, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReopenIfLostAsync(cancellationToken).ConfigureAwait(false);
            await using var command = NewCommand(_connection, sql, parameters, null);
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
            await ReopenIfLostAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await _connection.BeginTransactionAsync(Dialect.Isolation, cancellationToken).ConfigureAwait(false);
            var result = await work(new Transaction(_connection, transaction)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A connection the server dropped (a PostgreSQL restart or failover) is opened again before the next command, so
    /// the service recovers once the database is back; the command that met the drop failed and is retried by its caller.
    /// </summary>
    private async Task ReopenIfLostAsync(CancellationToken cancellationToken)
    {
        if (_connection.State is System.Data.ConnectionState.Open) return;
        await _connection.DisposeAsync().ConfigureAwait(false);
        if (_owner is not null) await _owner.DisposeAsync().ConfigureAwait(false);
        _owner = null;
        (_connection, _owner) = await Dialect.OpenAsync(_location, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        if (_owner is not null) await _owner.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>Commands inside one open transaction.</summary>
    public sealed class Transaction(DbConnection connection, DbTransaction transaction)
    {
        public async Task<int> ExecuteAsync(string sql, (string, object)[] parameters, CancellationToken cancellationToken)
        {
            await using var command = NewCommand(connection, sql, parameters, transaction);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public DbCommand Command(string sql, (string, object)[] parameters) => NewCommand(connection, sql, parameters, transaction);
    }

    private static DbCommand NewCommand(DbConnection connection, string sql, (string Name, object Value)[] parameters, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
