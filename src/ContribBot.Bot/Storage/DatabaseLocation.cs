using Npgsql;

namespace ContribBot.Bot.Storage;

/// <summary>
/// Where the queue and the records live: a SQLite file (the default, for one process) or a PostgreSQL database
/// (for several replicas of the service). CONTRIBBOT_DATABASE holds either a file path, a <c>postgres://</c> or
/// <c>postgresql://</c> URL, or an Npgsql connection string (<c>Host=…;Database=…</c>).
/// </summary>
public sealed record DatabaseLocation
{
    private DatabaseLocation(SqlDialect dialect, string connectionString, string display)
    {
        Dialect = dialect;
        ConnectionString = connectionString;
        Display = display;
    }

    public SqlDialect Dialect { get; }

    /// <summary>The file path (SQLite) or the Npgsql connection string, password included: never logged.</summary>
    public string ConnectionString { get; }

    /// <summary>What may be shown: the file, or <c>postgres://user@host:port/db</c> without the password.</summary>
    public string Display { get; }

    /// <summary>The folder beside a SQLite file (for the service's data); null for PostgreSQL.</summary>
    public string? Folder => Dialect == SqlDialect.Sqlite ? Path.GetDirectoryName(ConnectionString) : null;

    public static DatabaseLocation SqliteFile(string path)
    {
        var full = Path.GetFullPath(path);
        return new DatabaseLocation(SqlDialect.Sqlite, full, full);
    }

    /// <summary>Reads CONTRIBBOT_DATABASE's value; a malformed PostgreSQL address is a <see cref="FormatException"/> that says why.</summary>
    public static DatabaseLocation Parse(string value)
    {
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return Postgres(FromUrl(value));
        }

        if (value.Contains('=', StringComparison.Ordinal) && value.Contains("host", StringComparison.OrdinalIgnoreCase))
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(value);
            }
            catch (ArgumentException exception)
            {
                throw new FormatException($"CONTRIBBOT_DATABASE looks like a PostgreSQL connection string but is not one: {exception.Message}", exception);
            }

            return Postgres(builder);
        }

        return SqliteFile(value);
    }

    private static DatabaseLocation Postgres(NpgsqlConnectionStringBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Host)) throw new FormatException("CONTRIBBOT_DATABASE names PostgreSQL without a host.");
        var user = string.IsNullOrEmpty(builder.Username) ? "" : builder.Username + "@";
        return new DatabaseLocation(SqlDialect.Postgres, builder.ConnectionString, $"postgres://{user}{builder.Host}:{builder.Port}/{builder.Database}");
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || string.IsNullOrEmpty(url.Host))
        {
            throw new FormatException("CONTRIBBOT_DATABASE is not a PostgreSQL URL of the form postgres://user:password@host:port/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = url.Host, Port = url.IsDefaultPort || url.Port < 0 ? 5432 : url.Port };
        var database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;
        if (url.UserInfo.Length > 0)
        {
            var parts = url.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) builder.Password = Uri.UnescapeDataString(parts[1]);
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, setting) = pair.Split('=', 2) is [var k, var v] ? (Uri.UnescapeDataString(k), Uri.UnescapeDataString(v)) : (pair, "");
            try
            {
                builder[key.Replace('_', ' ')] = setting;
            }
            catch (ArgumentException)
            {
                throw new FormatException($"CONTRIBBOT_DATABASE: the URL's setting '{key}' is not an Npgsql connection setting.");
            }
        }

        return builder;
    }
}
