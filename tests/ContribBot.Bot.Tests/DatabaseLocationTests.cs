using ContribBot.Bot.Storage;

namespace ContribBot.Bot.Tests;

/// <summary>What CONTRIBBOT_DATABASE may hold: a SQLite file, a postgres:// URL, or an Npgsql connection string.</summary>
public sealed class DatabaseLocationTests
{
    [Fact]
    public void A_path_is_a_SQLite_file_beside_which_the_service_keeps_its_data()
    {
        var location = DatabaseLocation.Parse("queue/contribbot.db");

        Assert.Same(SqlDialect.Sqlite, location.Dialect);
        Assert.Equal(Path.GetFullPath("queue/contribbot.db"), location.ConnectionString);
        Assert.Equal(Path.GetFullPath("queue"), location.Folder);
    }

    [Fact]
    public void A_postgres_url_becomes_a_connection_string_and_is_shown_without_its_password()
    {
        var location = DatabaseLocation.Parse("postgres://bot:s3cr%40t@db.internal:6543/contribbot?sslmode=require");

        Assert.Same(SqlDialect.Postgres, location.Dialect);
        Assert.Equal("postgres://bot@db.internal:6543/contribbot", location.Display);
        Assert.DoesNotContain("s3cr", location.Display, StringComparison.Ordinal);
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(location.ConnectionString);
        Assert.Equal(("db.internal", 6543, "contribbot", "bot", "s3cr@t", Npgsql.SslMode.Require),
            (settings.Host, settings.Port, settings.Database, settings.Username, settings.Password, settings.SslMode));
        Assert.Null(location.Folder);
    }

    [Fact]
    public void A_connection_string_is_taken_as_it_is()
    {
        var location = DatabaseLocation.Parse("Host=10.0.0.5;Database=queue;Username=bot;Password=pw");

        Assert.Same(SqlDialect.Postgres, location.Dialect);
        Assert.Equal("postgres://bot@10.0.0.5:5432/queue", location.Display);
    }

    [Theory]
    [InlineData("postgres://", "not a PostgreSQL URL")]
    [InlineData("postgres://db/x?no_such_setting=1", "'no_such_setting' is not an Npgsql connection setting")]
    [InlineData("Host=db;Bogus Key=1", "looks like a PostgreSQL connection string but is not one")]
    public void A_malformed_PostgreSQL_address_says_what_is_wrong(string value, string expected)
    {
        var error = Assert.Throws<FormatException>(() => DatabaseLocation.Parse(value));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
