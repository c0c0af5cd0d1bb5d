using System.CommandLine;
using ContribBot.Bot;
using ContribBot.Bot.Auth;
using ContribBot.Bot.Hosting;
using ContribBot.Bot.Storage;
using Microsoft.Extensions.Logging;

namespace ContribBot.Cli.Commands;

/// <summary>
/// <c>contribbot serve</c>: runs the GitHub App. Its secrets come from the environment (CONTRIBBOT_APP_ID,
/// CONTRIBBOT_PRIVATE_KEY_FILE or CONTRIBBOT_PRIVATE_KEY, CONTRIBBOT_WEBHOOK_SECRET), its queue from
/// CONTRIBBOT_DATABASE, GitHub's API from GITHUB_API_URL; it runs until Ctrl+C or SIGTERM, then drains.
/// </summary>
public sealed class ServeCommand(CliIo io)
{
    public const string DefaultDatabase = "contribbot.db";

    public static Command Create(CliIo io)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, separated by ';' (put it behind a proxy that terminates TLS).", HelpName = "URL", DefaultValueFactory = _ => "http://127.0.0.1:8080",
        };
        var allowLocal = new Option<bool>("--allow-local-repos") { Description = "Let a payload's repository.clone_url be a local path (for tests and demos)." };
        var workers = new Option<int>("--workers") { Description = "Jobs run at once (1–32).", DefaultValueFactory = _ => 2 };
        var data = new Option<string?>("--data") { Description = "Where repository mirrors and job folders go (default: a contribbot-data folder beside the database).", HelpName = "DIR" };
        var lease = new Option<int>("--lease-seconds") { Description = "How long a job is a worker's before another may take it; renewed while it runs (10–3,600).", DefaultValueFactory = _ => 120 };
        var buildWorkflow = new Option<string?>("--build-workflow")
        {
            Description = "The workflow file dispatched on a push to the default branch, e.g. contribbot-build.yml (default: pushes are only logged).", HelpName = "FILE",
        };
        var trusted = new Option<string>("--trusted")
        {
            Description = "Author associations whose comment commands and reviews are honoured, separated by ','.", HelpName = "LIST",
            DefaultValueFactory = _ => "OWNER,MEMBER,COLLABORATOR",
        };
        var commandsPerHour = new Option<int>("--commands-per-hour") { Description = "Commands taken per pull request per hour (1–1,000).", DefaultValueFactory = _ => 10 };
        var logFormat = new Option<string>("--log-format") { Description = "json (structured, one object per line) or text.", DefaultValueFactory = _ => "json" };
        var command = new Command("serve", "Run the GitHub App: POST /webhooks, GET /healthz, GET /metrics, and the workers that check and preview pull requests. " +
                                           "Secrets from CONTRIBBOT_APP_ID, CONTRIBBOT_PRIVATE_KEY_FILE (or CONTRIBBOT_PRIVATE_KEY) and CONTRIBBOT_WEBHOOK_SECRET; " +
                                           "the queue in CONTRIBBOT_DATABASE (a SQLite file, or a postgres:// URL for several replicas); the API at GITHUB_API_URL.")
        {
            urls, allowLocal, workers, data, lease, buildWorkflow, trusted, commandsPerHour, logFormat,
        };
        command.SetAction((parse, cancellationToken) => new ServeCommand(io).ExecuteAsync(new ServeRequest(
            parse.GetValue(urls)!, parse.GetValue(allowLocal), parse.GetValue(workers), parse.GetValue(data), parse.GetValue(lease), parse.GetValue(buildWorkflow),
            parse.GetValue(trusted)!, parse.GetValue(commandsPerHour), parse.GetValue(logFormat)!), cancellationToken));
        return command;
    }

    public sealed record ServeRequest(
        string Urls, bool AllowLocalRepos, int Workers, string? DataDirectory, int LeaseSeconds, string? BuildWorkflow, string Trusted, int CommandsPerHour, string LogFormat);

    public async Task<int> ExecuteAsync(ServeRequest request, CancellationToken cancellationToken)
    {
        var env = io.Environment;
        BotOptions options;
        AppIdentity identity;
        string secret;
        try
        {
            options = Options(request, env);
            secret = env("CONTRIBBOT_WEBHOOK_SECRET") is { Length: >= 8 } given
                ? given
                : throw new BotConfigException("CONTRIBBOT_WEBHOOK_SECRET is not set (or shorter than 8 characters): give the webhook secret set on the App's settings page.");
            identity = AppIdentity.FromEnvironment(env);
        }
        catch (BotConfigException exception)
        {
            await io.Stderr.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        using (identity)
        {
            var json = request.LogFormat == "json";
            BotService started;
            try
            {
                started = await BotService.StartAsync(options, identity, secret, request.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    logging => _ = json ? logging.AddJsonConsole(o => o.IncludeScopes = false) : logging.AddSimpleConsole(o => o.SingleLine = true),
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or IOException or UnauthorizedAccessException or FormatException)
            {
                // The database cannot be opened, the address is taken or malformed: say which, without a stack trace.
                await io.Stderr.WriteLineAsync($"error: cannot start the App: {exception.Message} (queue {options.Database.Display})").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            await using var service = started;
            // The address goes to stderr before any log line, so a script (or a test) can wait for it.
            await io.Stderr.WriteLineAsync($"ContribBot App listening on {string.Join(", ", service.Urls)} (queue {options.Database.Display}, {options.Workers} worker(s)).")
                .ConfigureAwait(false);
            try
            {
                await service.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: drain below.
            }

            await io.Stderr.WriteLineAsync("Stopping: finishing running jobs, giving back the rest…").ConfigureAwait(false);
            await service.StopAsync().ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static BotOptions Options(ServeRequest request, Func<string, string?> env)
    {
        if (request.Workers is < 1 or > 32) throw new BotConfigException("--workers must be from 1 to 32.");
        if (request.LeaseSeconds is < 10 or > 3600) throw new BotConfigException("--lease-seconds must be from 10 to 3,600.");
        if (request.CommandsPerHour is < 1 or > 1000) throw new BotConfigException("--commands-per-hour must be from 1 to 1,000.");
        if (request.LogFormat is not ("json" or "text")) throw new BotConfigException("--log-format is json or text.");
        if (request.BuildWorkflow is { } workflow && (workflow.Contains('/', StringComparison.Ordinal) || !(workflow.EndsWith(".yml", StringComparison.Ordinal) || workflow.EndsWith(".yaml", StringComparison.Ordinal))))
        {
            throw new BotConfigException("--build-workflow is a workflow file name in .github/workflows, such as contribbot-build.yml.");
        }

        var apiText = env("GITHUB_API_URL") is { Length: > 0 } url ? url : "https://api.github.com";
        if (!Uri.TryCreate(apiText, UriKind.Absolute, out var api) || api.Scheme is not ("https" or "http"))
        {
            throw new BotConfigException($"GITHUB_API_URL '{apiText}' is not an http(s) URL.");
        }

        DatabaseLocation database;
        try
        {
            database = DatabaseLocation.Parse(env("CONTRIBBOT_DATABASE") is { Length: > 0 } db ? db : DefaultDatabase);
        }
        catch (FormatException exception)
        {
            throw new BotConfigException(exception.Message);
        }

        var trusted = request.Trusted.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => a.ToUpperInvariant()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var known = new[] { "OWNER", "MEMBER", "COLLABORATOR", "CONTRIBUTOR", "FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER", "NONE" };
        if (trusted.Count == 0 || trusted.Any(a => !known.Contains(a)))
        {
            throw new BotConfigException($"--trusted takes author associations from {string.Join(", ", known)}.");
        }

        return new BotOptions
        {
            Database = database,
            // Beside a SQLite file; with PostgreSQL, in the working folder (mirrors are caches: each replica keeps its own).
            DataDirectory = Path.GetFullPath(request.DataDirectory ?? Path.Combine(database.Folder ?? Directory.GetCurrentDirectory(), "contribbot-data")),
            ApiUrl = api,
            AllowLocalRepos = request.AllowLocalRepos,
            Workers = request.Workers,
            Lease = TimeSpan.FromSeconds(request.LeaseSeconds),
            BuildWorkflow = request.BuildWorkflow,
            TrustedAssociations = trusted,
            CommandsPerHour = request.CommandsPerHour,
            Environment = env,
        };
    }
}
