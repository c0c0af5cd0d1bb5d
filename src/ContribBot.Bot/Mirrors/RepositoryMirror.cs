using System.Collections.Concurrent;
using ContribBot.Bot.Events;
using ContribBot.Core.Git;

namespace ContribBot.Bot.Mirrors;

/// <summary>
/// A bare mirror per base repository under the data folder, into which a pull request's base branch and head commit
/// are fetched. Only git objects are read from it: nothing is checked out and nothing a contributor wrote is run.
/// Clone URLs come from webhook payloads, so only https URLs of the configured GitHub host are fetched (with the
/// installation token), and local paths only with <c>--allow-local-repos</c>.
/// </summary>
public sealed class RepositoryMirror(string directory, string gitHost, bool allowLocalRepos)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    /// <summary>The longest a fetch may take before the job fails and is retried later.</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Fetches the base branch and the head commit, and returns the mirror's path and the base ref to compare with.
    /// </summary>
    /// <exception cref="MirrorException">A clone URL is refused, a fetch fails, or the head commit is not there.</exception>
    public async Task<(string Path, string BaseRef)> FetchAsync(PullRequestHead head, string? token, CancellationToken cancellationToken)
    {
        var baseSource = Source(head.BaseCloneUrl);
        var headSource = Source(head.HeadCloneUrl);
        var path = System.IO.Path.Combine(directory, Safe(head.PullRequest.Owner), Safe(head.PullRequest.Name) + ".git");
        var gate = Locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var baseRef = $"refs/heads/{head.BaseRef}";
            var pullRef = $"refs/contribbot/pull/{head.PullRequest.Number}";
            await Task.Run(() =>
            {
                BareMirror.Ensure(path);
                Fetch(path, baseSource, [$"+{baseRef}:{baseRef}"], token, cancellationToken);
                if (BareMirror.HasCommit(path, head.HeadSha)) return;
                // GitHub keeps every pull request's head in the base repository; a plain repository (tests, mirrors) has only the fork's branch.
                if (!BareMirror.TryFetch(path, baseSource, [$"+refs/pull/{head.PullRequest.Number}/head:{pullRef}"], token, cancellationToken).Fetched ||
                    !BareMirror.HasCommit(path, head.HeadSha))
                {
                    Fetch(path, headSource, [$"+refs/heads/{head.HeadRef}:{pullRef}"], token, cancellationToken);
                }

                if (!BareMirror.HasCommit(path, head.HeadSha))
                {
                    throw new MirrorException($"the head commit {head.HeadSha} of {head.PullRequest} is not in its repository any more (a force-push replaced it); " +
                                              "the newer push is checked on its own.");
                }
            }, cancellationToken).WaitAsync(FetchTimeout, cancellationToken).ConfigureAwait(false);
            return (path, baseRef);
        }
        catch (TimeoutException exception)
        {
            throw new MirrorException($"fetching {head.PullRequest} took longer than {FetchTimeout.TotalMinutes:0} minutes.", exception);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>What may be fetched: an https URL on the GitHub host; with --allow-local-repos also a local repository.</summary>
    internal string Source(string cloneUrl)
    {
        if (Uri.TryCreate(cloneUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps &&
            string.Equals(url.Host, gitHost, StringComparison.OrdinalIgnoreCase) && url.UserInfo.Length == 0 && url.Query.Length == 0)
        {
            return url.AbsoluteUri;
        }

        if (allowLocalRepos && !cloneUrl.Contains("://", StringComparison.Ordinal) && System.IO.Path.IsPathFullyQualified(cloneUrl)) return cloneUrl;
        if (allowLocalRepos && url is { IsFile: true }) return url.LocalPath;
        throw new MirrorException($"the clone URL '{Printable(cloneUrl)}' is not an https URL on {gitHost}; it is not fetched" +
                                  (allowLocalRepos ? "." : " (local repositories only with --allow-local-repos).")) { Permanent = true };
    }

    private static void Fetch(string path, string source, string[] refspecs, string? token, CancellationToken cancellationToken)
    {
        if (BareMirror.TryFetch(path, source, refspecs, token, cancellationToken) is { Fetched: false, Failure: var failure })
        {
            throw new MirrorException($"git could not fetch {string.Join(", ", refspecs.Select(r => r.Split(':')[0].TrimStart('+')))} from {source}: {failure}.");
        }
    }

    private static string Safe(string segment) =>
        segment.Length is > 0 and <= 100 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && segment is not ("." or "..")
            ? segment
            : throw new MirrorException($"'{Printable(segment)}' is not a repository owner or name.") { Permanent = true };

    private static string Printable(string text) =>
        new string(text.Take(200).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}

/// <summary>The pull request's commits could not be brought into the mirror; the message says why.</summary>
public sealed class MirrorException : Exception
{
    public MirrorException()
    {
    }

    public MirrorException(string message)
        : base(message)
    {
    }

    public MirrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Trying again cannot help (a refused URL), as opposed to a fetch that failed on the way.</summary>
    public bool Permanent { get; init; }
}
