using System.CommandLine;
using ContribBot.Cli.Commands;
using ContribBot.Core.Validation;

namespace ContribBot.Cli;

/// <summary>
/// Builds the command tree and is the one exception funnel of the process: a failure the user can fix is a short
/// message and exit code 2; a stack trace appears only with <c>--verbose</c>.
/// </summary>
public static class ContribBotApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        await RunAsync(args, stdout, stderr, Environment.GetEnvironmentVariable, cancellationToken).ConfigureAwait(false);

    /// <param name="environment">Reads environment variables; tests pass their own so the host's never leak in.</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellationToken) =>
        await RunAsync(args, new CliIo(stdout, stderr, environment, ProgressConsole.For(stderr, environment)), cancellationToken).ConfigureAwait(false);

    /// <param name="io">Streams, environment and progress console; tests pass their own.</param>
    public static async Task<int> RunAsync(string[] args, CliIo io, CancellationToken cancellationToken)
    {
        var (stdout, stderr, environment) = (io.Stdout, io.Stderr, io.Environment);
        var verbose = new Option<bool>("--verbose") { Description = "Show details (stack traces) when something fails.", Recursive = true };
        // A named command rather than RootCommand, whose name would be the host's ("testhost", "dotnet").
        var root = new Command(
            "contribbot",
            "ContribBot checks InstructLab-style taxonomy contributions (qna.yaml leaves): every problem with a stable " +
            "code, file, line, column and a fix hint; previews the synthetic data their seeds produce; publishes both to pull requests; builds the dataset.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
            verbose,
            ValidateCommand.Create(io),
            PreviewCommand.Create(io),
            BuildCommand.Create(io),
            MergeCommand.Create(io),
            PublishCommand.Create(io),
            PrCommand.Create(stdout, stderr, environment),
            CatalogCommand.Create(stdout),
            ServeCommand.Create(io),
            ReviewsCommand.Create(io),
            CommentCommandCommand.Create(io),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await stderr.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync("Run 'contribbot --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                // Ctrl+C cancels the run; give an interrupted preview time to write its partial report.
                ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
            }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InputPathException or Core.Git.GitInputException or Core.Configuration.ConfigException
                                              or Core.Runs.Checking.DocumentsUnavailableException)
        {
            await stderr.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Core.Runs.Build.MergeException exception)
        {
            // A whole build merges its one shard: a bad mix file or a failed gate is a finding, as for `merge`.
            await stderr.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Findings;
        }
        catch (Core.Generation.Batch.BatchApiException exception)
        {
            // Submitted batches and their results are kept: running the same build again goes on from there.
            await stderr.WriteLineAsync($"error: {exception.Message}. Run the build again to go on; submitted batches are polled, not paid for twice.").ConfigureAwait(false);
            if (parse.GetValue(verbose)) await stderr.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
            return ExitCodes.Findings;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("Cancelled.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            if (parse.GetValue(verbose)) await stderr.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
#pragma warning disable CA1031 // The process's last line of defence: a bug is reported briefly, never as a crash dump.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync(
                $"error: ContribBot failed unexpectedly ({exception.GetType().Name}: {exception.Message}). This is a bug; " +
                "please report it with the command you ran (add --verbose for details).").ConfigureAwait(false);
            if (parse.GetValue(verbose)) await stderr.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
    }
}
