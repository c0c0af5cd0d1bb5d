using System.CommandLine;
using System.Globalization;
using ContribBot.Core.Quality.Review;
using ContribBot.GitHub;

namespace ContribBot.Cli.Commands;

/// <summary>
/// <c>contribbot reviews collect</c>: the maintainers' verdicts on previewed samples of merged pull requests, read from
/// their ContribBot comments, written as a reviews file for <c>contribbot build --reviews FILE</c>.
/// </summary>
public sealed class ReviewsCommand(CliIo io)
{
    public const string DefaultOut = "reviews.jsonl";

    public static Command Create(CliIo io)
    {
        var repo = new Option<string?>("--repo") { Description = "The repository, OWNER/NAME (default: GITHUB_REPOSITORY).", HelpName = "OWNER/NAME" };
        var since = new Option<string?>("--since") { Description = "Only pull requests merged on or after this date (YYYY-MM-DD, or a full ISO 8601 time).", HelpName = "DATE" };
        var output = new Option<string>("--out") { Description = "The reviews file to write (JSON Lines).", HelpName = "FILE", DefaultValueFactory = _ => DefaultOut };
        var authors = new Option<string[]>("--author")
        {
            Description = "Read only comments by this login (repeatable), e.g. github-actions[bot] or your App's bot login. Default: any bot's ContribBot comment.",
            HelpName = "LOGIN",
        };
        var max = CommandOptions.PositiveWithDefault("--max-pull-requests", "N", 500, "Most merged pull requests read, newest first.");
        var collect = new Command("collect", "Read the verdicts of merged pull requests from their ContribBot comments into a reviews file. Token from GITHUB_TOKEN " +
                                             "(permissions: pull-requests: read).")
        {
            repo, since, output, authors, max,
        };
        collect.SetAction((parse, cancellationToken) => new ReviewsCommand(io).CollectAsync(parse.GetValue(repo), parse.GetValue(since), parse.GetValue(output) ?? DefaultOut,
            parse.GetValue(authors) ?? [], parse.GetValue(max), cancellationToken));
        return new Command("reviews", "Maintainers' verdicts on previewed samples, carried from pull requests to the dataset build.") { collect };
    }

    public async Task<int> CollectAsync(string? repository, string? since, string output, string[] authors, int maxPullRequests, CancellationToken cancellationToken)
    {
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                await io.Stderr.WriteLineAsync($"error: --since '{since}' is not a date (YYYY-MM-DD) or an ISO 8601 time.").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            from = parsed;
        }

        var (owner, name) = GitHubConnection.Repository(repository, io.Environment);
        using var clients = GitHubConnection.Clients(io.Environment, "pull-requests: read");
        var collector = new ReviewCollector(clients.ForToken(io.Environment("GITHUB_TOKEN")!), new GitHubRetry());
        ReviewCollector.Gathered gathered;
        try
        {
            gathered = await collector.CollectAsync(owner, name, from, authors.ToHashSet(StringComparer.OrdinalIgnoreCase), maxPullRequests, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (GitHubPublishException exception)
        {
            await io.Stderr.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Octokit.ApiException exception)
        {
            await io.Stderr.WriteLineAsync($"error: GitHub refused to list the pull requests or comments of {owner}/{name} ({(int)exception.StatusCode}: {exception.Message}); " +
                                           "check the repository name and that the token may read pull requests.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var latest = ReviewsFile.Latest(gathered.Reviews);
        await ReviewsFile.WriteAsync(output, latest, cancellationToken).ConfigureAwait(false);
        await io.Stderr.WriteLineAsync($"{latest.Count:N0} verdict(s) ({latest.Count(r => !r.Good):N0} bad) from {gathered.PullRequestsWithReviews:N0} of " +
                                       $"{gathered.PullRequestsRead:N0} merged pull request(s) written to {output}; build with `contribbot build --reviews {output}`.")
            .ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
