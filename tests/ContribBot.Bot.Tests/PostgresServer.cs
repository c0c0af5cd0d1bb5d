using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ContribBot.Bot.Storage;
using Npgsql;

namespace ContribBot.Bot.Tests;

/// <summary>
/// A real PostgreSQL server for the queue's PostgreSQL tests: the one CONTRIBBOT_TEST_POSTGRES names (a postgres://
/// URL or a connection string with rights to create databases), or else one this process starts itself from the
/// machine's PostgreSQL programs (initdb and pg_ctl on PATH or under /usr/lib/postgresql) in a temporary folder on a
/// free loopback port, stopped when the test run ends. Each test gets a database of its own.
/// Where neither is possible the tests say they were skipped and why; CONTRIBBOT_REQUIRE_POSTGRES=1 (CI) turns
/// that into a failure.
/// </summary>
public static class PostgresServer
{
    private const string Variable = "CONTRIBBOT_TEST_POSTGRES";
    private static readonly Lazy<Task<string>> Server = new(StartAsync);
    private static int _databases;

    /// <summary>Why the PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? Unavailable
    {
        get
        {
            if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 }) return null;
            if (Programs() is not null) return null;
            var reason = $"No PostgreSQL here: set {Variable} to a server's postgres:// URL, or install PostgreSQL (initdb and pg_ctl on PATH or in /usr/lib/postgresql).";
            return Environment.GetEnvironmentVariable("CONTRIBBOT_REQUIRE_POSTGRES") == "1" ? throw new InvalidOperationException(reason) : reason;
        }
    }

    /// <summary>A new, empty database on the server (started on first use).</summary>
    public static async Task<DatabaseLocation> NewDatabaseAsync()
    {
        var admin = await Server.Value.ConfigureAwait(false);
        var name = $"contribbot_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var source = NpgsqlDataSource.Create(admin))
        await using (var command = source.CreateCommand($"CREATE DATABASE {name}"))
        {
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return DatabaseLocation.Parse(new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given) return DatabaseLocation.Parse(given).ConnectionString;
        var (initdb, pgCtl) = Programs() ?? throw new InvalidOperationException("PostgreSQL's programs are not here.");
        var folder = Path.Combine(Path.GetTempPath(), "contribbot-tests", $"postgres-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(folder);
        // PostgreSQL refuses to run as root: as root, the server runs as the machine's postgres user.
        var asUser = Environment.UserName == "root" ? "postgres" : null;
        if (asUser is not null) await RunAsync("chown", ["-R", asUser, folder], null).ConfigureAwait(false);
        var data = Path.Combine(folder, "data");
        await RunAsync(initdb, ["-D", data, "-A", "trust", "-U", "contribbot", "--no-sync", "-E", "UTF8"], asUser).ConfigureAwait(false);
        var port = FreePort();
        await RunAsync(pgCtl, ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"], asUser).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            // The run is over: stop at once, then remove the folder.
            using var stop = Process.Start(Command(pgCtl, ["-D", data, "-m", "immediate", "stop"], asUser));
            stop?.WaitForExit(30_000);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=contribbot;Database=postgres;Pooling=false";
    }

    private static (string InitDb, string PgCtl)? Programs()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (Directory.Exists("/usr/lib/postgresql")) folders.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(v => Path.Combine(v, "bin")));
        foreach (var folder in folders)
        {
            var initdb = Path.Combine(folder, "initdb");
            var pgCtl = Path.Combine(folder, "pg_ctl");
            if (File.Exists(initdb) && File.Exists(pgCtl)) return (initdb, pgCtl);
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ProcessStartInfo Command(string program, string[] arguments, string? asUser)
    {
        var info = new ProcessStartInfo(asUser is null ? program : "runuser") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asUser is not null)
        {
            foreach (var part in (string[])["-u", asUser, "--", program]) info.ArgumentList.Add(part);
        }

        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return info;
    }

    private static async Task RunAsync(string program, string[] arguments, string? asUser)
    {
        using var process = Process.Start(Command(program, arguments, asUser)) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
    }
}
