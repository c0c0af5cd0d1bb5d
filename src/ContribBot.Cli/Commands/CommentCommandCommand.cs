using System.CommandLine;
using ContribBot.Bot;
using ContribBot.Bot.Comments;
using ContribBot.Bot.Events;
using ContribBot.Core.Runs.Preview;
using ContribBot.GitHub;

namespace ContribBot.Cli.Commands;

/// <summary>
/// <c>contribbot command</c>: the App's comment commands and sample reviews for repositories that use the Action, run
/// by an <c>issue_comment</c> workflow on the event it was started by (GITHUB_EVENT_PATH).
/// </summary>
public sealed class CommentCommandCommand(CliIo io)
{
    public static Command Create(CliIo io)
    {
        var eventFile = new Option<string?>("--event") { Description = "The issue_comment event (default: GITHUB_EVENT_PATH).", HelpName = "FILE" };
        var taxonomy = new Option<string>("--taxonomy")
        {
            Description = "The taxonomy in a checkout of the base repository into which the pull request's head was fetched (`git fetch origin +refs/pull/N/head`); " +
                          "nothing of the pull request is checked out or run.",
            HelpName = "PATH", DefaultValueFactory = _ => ".",
        };
        var output = new Option<string>("--out") { Description = "Where /contribbot preview and validate write their report (upload it as the contribbot-report artifact).", HelpName = "DIR", DefaultValueFactory = _ => ReportArtifacts.ArtifactName };
        var trusted = new Option<string>("--trusted")
        {
            Description = "Author associations whose commands are honoured, separated by ','.", HelpName = "LIST", DefaultValueFactory = _ => "OWNER,MEMBER,COLLABORATOR",
        };
        var perHour = CommandOptions.PositiveWithDefault("--commands-per-hour", "N", 10, "Commands taken per pull request per hour.");
        var maxLeaves = CommandOptions.PositiveWithDefault("--max-leaves", "N", PreviewSettings.DefaultMaxLeaves, "Leaves previewed per pull request.");
        var noBoxes = new Option<bool>("--no-review-boxes") { Description = "Do not show good and bad boxes under each sample in the comment." };
        var allowLocal = new Option<bool>("--allow-local-repos") { Description = "Knowledge documents (and, in tests, clone URLs) may be local paths." };
        var command = new Command("command", "Carry out a /contribbot comment command (help, validate, preview, review) or the review boxes a maintainer ticked, " +
                                             "from an issue_comment workflow. Token from GITHUB_TOKEN; the teacher as for preview.")
        {
            eventFile, taxonomy, output, trusted, perHour, maxLeaves, noBoxes, allowLocal,
        };
        command.SetAction((parse, cancellationToken) => new CommentCommandCommand(io).ExecuteAsync(parse.GetValue(eventFile), new WorkflowCommandSettings(
            parse.GetValue(taxonomy) ?? ".", parse.GetValue(output) ?? ReportArtifacts.ArtifactName)
        {
            Trusted = parse.GetValue(trusted)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase),
            CommandsPerHour = parse.GetValue(perHour),
            MaxLeaves = parse.GetValue(maxLeaves),
            ReviewBoxes = !parse.GetValue(noBoxes),
            AllowLocalRepos = parse.GetValue(allowLocal),
            Environment = io.Environment,
            RunUrl = RunUrl(io.Environment),
        }, cancellationToken));
        return command;
    }

    public async Task<int> ExecuteAsync(string? eventFile, WorkflowCommandSettings settings, CancellationToken cancellationToken)
    {
        var path = eventFile ?? io.Environment("GITHUB_EVENT_PATH");
        if (path is null || !File.Exists(path))
        {
            await io.Stderr.WriteLineAsync(path is null
                ? "error: no event: pass --event FILE, or run in an issue_comment workflow (GITHUB_EVENT_PATH)."
                : $"error: the event file {path} does not exist.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (io.Environment("GITHUB_EVENT_NAME") is { Length: > 0 } name && name != "issue_comment")
        {
            await io.Stderr.WriteLineAsync($"error: this runs on issue_comment events, not {name}.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        // A comment event is at most a few hundred kilobytes; the file is the runner's, but its body is a stranger's.
        if (new FileInfo(path).Length > 5 * 1024 * 1024)
        {
            await io.Stderr.WriteLineAsync($"error: the event file {path} is larger than 5 MiB; not an issue_comment event.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var payload = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        using var clients = GitHubConnection.Clients(io.Environment, "contents: read, checks: write, pull-requests: write, issues: write, actions: read");
        var commands = new WorkflowCommands(clients.ForToken(io.Environment("GITHUB_TOKEN")!), new GitHubRetry(), TimeProvider.System, io.Stderr);
        try
        {
            await io.Stdout.WriteLineAsync(await commands.RunAsync(payload, settings, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (BotEventException exception)
        {
            await io.Stderr.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (GitHubPublishException exception)
        {
            await io.Stderr.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Core.Git.GitInputException exception)
        {
            await io.Stderr.WriteLineAsync($"error: {exception.Message} The pull request's commits must be in the repository at {settings.Taxonomy}: check out the base " +
                                           "repository with its history (fetch-depth: 0), then `git fetch origin +refs/pull/N/head` (the action's comment command does this).")
                .ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (InvalidDataException exception)
        {
            await io.Stderr.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Octokit.ApiException exception)
        {
            await io.Stderr.WriteLineAsync($"error: GitHub refused a request ({(int)exception.StatusCode}: {exception.Message}); check the workflow's permissions " +
                                           "(contents: read, checks: write, pull-requests: write, issues: write, actions: read).").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
    }

    /// <summary>This workflow run's page, from the variables every workflow has.</summary>
    private static string? RunUrl(Func<string, string?> environment) =>
        environment("GITHUB_SERVER_URL") is { Length: > 0 } server && environment("GITHUB_REPOSITORY") is { Length: > 0 } repository &&
        environment("GITHUB_RUN_ID") is { Length: > 0 } run
            ? $"{server.TrimEnd('/')}/{repository}/actions/runs/{run}"
            : null;
}
