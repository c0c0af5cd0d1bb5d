using System.Collections.Concurrent;
using ContribBot.Bot.Events;
using LibGit2Sharp;

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
                if (!Repository.IsValid(path))
                {
                    Directory.CreateDirectory(path);
                    Repository.Init(path, isBare: true);
                }

                using var repository = new Repository(path);
                Fetch(repository, baseSource, [$"+{baseRef}:{baseRef}"], token, cancellationToken);
                if (repository.Lookup<Commit>(head.HeadSha) is not null) return;
                // GitHub keeps every pull request's head in the base repository; a plain repository (tests, mirrors) has only the fork's branch.
                if (!TryFetch(repository, baseSource, [$"+refs/pull/{head.PullRequest.Number}/head:{pullRef}"], token, cancellationToken) ||
                    repository.Lookup<Commit>(head.HeadSha) is null)
                {
                    Fetch(repository, headSource, [$"+refs/heads/{head.HeadRef}:{pullRef}"], token, cancellationToken);
                }

                if (repository.Lookup<Commit>(head.HeadSha) is null)
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
                                  (allowLocalRepos ? "." : " (local repositories only with --allow-local-repos)."));
    }

    private static void Fetch(Repository repository, string source, string[] refspecs, string? token, CancellationToken cancellationToken)
    {
        try
        {
            Commands.Fetch(repository, RemoteFor(repository, source), refspecs, Options(source, token, cancellationToken), null);
        }
        catch (LibGit2SharpException exception)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new MirrorException($"git could not fetch {string.Join(", ", refspecs.Select(r => r.Split(':')[0].TrimStart('+')))} from {source}: {exception.Message.TrimEnd('.')}.", exception);
        }
    }

    private static bool TryFetch(Repository repository, string source, string[] refspecs, string? token, CancellationToken cancellationToken)
    {
        try
        {
            Commands.Fetch(repository, RemoteFor(repository, source), refspecs, Options(source, token, cancellationToken), null);
            return true;
        }
        catch (LibGit2SharpException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }

    /// <summary>One named remote per source URL (base, fork), so libgit2 keeps no surprises in the mirror's config.</summary>
    private static string RemoteFor(Repository repository, string source)
    {
        var name = "r" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source)))[..16];
        if (repository.Network.Remotes[name] is null) repository.Network.Remotes.Add(name, source);
        return name;
    }

    private static FetchOptions Options(string source, string? token, CancellationToken cancellationToken) => new()
    {
        TagFetchMode = TagFetchMode.None,
        OnTransferProgress = _ => !cancellationToken.IsCancellationRequested,
        // The installation token goes only to the GitHub host (Source admits no other https host).
        CredentialsProvider = token is not null && source.StartsWith("https://", StringComparison.Ordinal)
            ? (_, _, _) => new UsernamePasswordCredentials { Username = "x-access-token", Password = token }
            : null,
    };

    private static string Safe(string segment) =>
        segment.Length is > 0 and <= 100 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && segment is not ("." or "..")
            ? segment
            : throw new MirrorException($"'{Printable(segment)}' is not a repository owner or name.");

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
}
