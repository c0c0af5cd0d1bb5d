using ContribBot.Core.Quality.Review;
using ContribBot.Core.Reports.Preview;
using Octokit;

namespace ContribBot.GitHub;

/// <summary>
/// Gathers the maintainers' verdicts of merged pull requests from their ContribBot comments (the hidden block of
/// <see cref="ReviewCarrier"/>), newest pull requests first, for the dataset build that follows a merge. A comment
/// counts only when a bot wrote it and starts with our marker, and, when <c>authors</c> are named, only from them: a
/// contributor cannot plant verdicts.
/// </summary>
public sealed class ReviewCollector(IGitHubClient client, GitHubRetry retry)
{
    /// <summary>What was read: the verdicts, the pull requests looked at and those that carried any.</summary>
    public sealed record Gathered(IReadOnlyList<ReviewedSample> Reviews, int PullRequestsRead, int PullRequestsWithReviews);

    /// <param name="since">Only pull requests merged at or after this time; null: all (up to <paramref name="maxPullRequests"/>).</param>
    /// <param name="authors">Logins whose comments are read (e.g. <c>github-actions[bot]</c>); empty: any bot's.</param>
    public async Task<Gathered> CollectAsync(
        string owner, string name, DateTimeOffset? since, IReadOnlySet<string> authors, int maxPullRequests, CancellationToken cancellationToken)
    {
        var reviews = new List<ReviewedSample>();
        var read = 0;
        var carrying = 0;
        var request = new PullRequestRequest { State = ItemStateFilter.Closed, SortProperty = PullRequestSort.Updated, SortDirection = SortDirection.Descending };
        for (var page = 1; read < maxPullRequests; page++)
        {
            var options = new ApiOptions { PageSize = 100, PageCount = 1, StartPage = page };
            var pulls = await retry.RunAsync("listing closed pull requests", () => client.PullRequest.GetAllForRepository(owner, name, request, options), cancellationToken)
                .ConfigureAwait(false);
            foreach (var pull in pulls)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Sorted by last update: once those are older than the window, no merge in it can follow.
                if (since is { } from && pull.UpdatedAt < from) return new Gathered(reviews, read, carrying);
                if (pull.MergedAt is not { } merged || (since is { } start && merged < start)) continue;
                if (++read > maxPullRequests) break;
                var found = await FromPullRequestAsync(owner, name, pull.Number, authors, cancellationToken).ConfigureAwait(false);
                if (found.Count > 0) carrying++;
                reviews.AddRange(found);
            }

            if (pulls.Count < options.PageSize) break;
        }

        return new Gathered(reviews, Math.Min(read, maxPullRequests), carrying);
    }

    /// <summary>The verdicts one pull request's ContribBot comment carries.</summary>
    public async Task<IReadOnlyList<ReviewedSample>> FromPullRequestAsync(string owner, string name, int number, IReadOnlySet<string> authors, CancellationToken cancellationToken)
    {
        var comments = await retry.RunAsync($"reading the comments of pull request #{number}", () => client.Issue.Comment.GetAllForIssue(owner, name, number), cancellationToken)
            .ConfigureAwait(false);
        var pullRequest = $"{owner}/{name}#{number}";
        return comments
            .Where(comment => StickyComment.IsOurs(comment.Body, comment.User?.Type?.ToString()) && (authors.Count == 0 || authors.Contains(comment.User?.Login ?? "")))
            .SelectMany(comment => ReviewCarrier.Read(comment.Body))
            // The carried pull request is the comment's own, whatever the block says.
            .Select(review => review with { PullRequest = pullRequest })
            .ToList();
    }
}
