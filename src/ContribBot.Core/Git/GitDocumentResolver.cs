using System.Text;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Documents;
using ContribBot.Core.Limits;
using ContribBot.Core.Taxonomy;
using LibGit2Sharp;

namespace ContribBot.Core.Git;

/// <summary>
/// Resolves a knowledge leaf's document: fetches <c>repo</c> into a local cache keyed by its URL (so a second run at the
/// same commit needs no network), checks that <c>commit</c> exists there, that every pattern matches at least one file,
/// and that what matches is Markdown, within the size limit, and inside the repository. Every failure is a diagnostic
/// at the YAML line of the <c>repo</c>, <c>commit</c> or pattern concerned; fetches are bounded by a timeout.
/// </summary>
public sealed class GitDocumentResolver(DocumentOptions options) : IDocumentResolver
{
    public async Task<DocumentResolution> ResolveAsync(
        DocumentReference reference, string leafFile, string taxonomyRoot, CancellationToken cancellationToken)
    {
        var (source, refusal) = Classify(reference.Repo, taxonomyRoot);
        if (refusal is not null)
        {
            return Fail(DocumentDiagnostics.RepoNotAllowed.At(leafFile, reference.RepoPosition, DocumentUrlPolicy.Shown(reference.Repo), refusal));
        }

        // The maintainer's mirror of this URL, if any: fetched from instead, cached under the leaf's own URL.
        var mirror = options.Mirrors.For(reference.Repo) is { } mirrored ? MirrorSource(mirrored) : null;
        var cache = Path.Combine(options.CacheDirectory, DocumentCacheKey.Of(source!));
        // One fetch into a cache folder at a time, whoever else (thread or process) uses the same cache.
        await using var held = await CacheFolderLock.AcquireAsync(cache, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!Repository.IsValid(cache))
            {
                Directory.CreateDirectory(cache);
                Repository.Init(cache, isBare: true);
            }

            if (FindCommit(cache, reference.Commit) is null)
            {
                if (options.Offline)
                {
                    return Fail(DocumentDiagnostics.Skipped.At(leafFile, reference.CommitPosition,
                        $"--offline, and {reference.Repo} at {reference.Commit} is not in the cache; the commit, patterns and files were not checked"));
                }

                if (mirror is null && await DocumentUrlPolicy.AddressRefusalAsync(source!, options, cancellationToken).ConfigureAwait(false) is { } inside)
                {
                    return Fail(DocumentDiagnostics.RepoNotAllowed.At(leafFile, reference.RepoPosition, reference.Repo, inside));
                }

                if (mirror is null && IsHttps(source!) && await UnreachableAsync(new Uri(source!), cancellationToken).ConfigureAwait(false) is { } down)
                {
                    return Fail(DocumentDiagnostics.HostUnreachable.At(leafFile, reference.RepoPosition, reference.Repo, down));
                }

                if (await FetchAsync(cache, mirror ?? source!, cancellationToken).ConfigureAwait(false) is { } failure)
                {
                    if (mirror is not null) failure = $"{failure} (fetched from the mirror {mirror})";
                    return Fail(IsHttps(mirror ?? source!) && LooksLikeNetwork(failure)
                        ? DocumentDiagnostics.HostUnreachable.At(leafFile, reference.RepoPosition, reference.Repo, failure)
                        : DocumentDiagnostics.FetchFailed.At(leafFile, reference.RepoPosition, reference.Repo, failure));
                }
            }

            using var repository = new Repository(cache);
            return FindCommit(repository, reference.Commit) is { } commit
                ? Check(reference, leafFile, commit)
                : Fail(DocumentDiagnostics.CommitNotFound.At(leafFile, reference.CommitPosition, reference.Commit, reference.Repo));
        }
        catch (LibGit2SharpException exception)
        {
            // A damaged cache (an interrupted first fetch, a full disk): say where it is so it can be deleted.
            return Fail(DocumentDiagnostics.FetchFailed.At(leafFile, reference.RepoPosition, reference.Repo,
                $"{exception.Message.TrimEnd('.')} (cache folder {cache}; deleting it forces a fresh fetch)"));
        }
    }

    /// <summary>The URL or path to fetch from, or why it is refused.</summary>
    private (string? Source, string? Refusal) Classify(string repo, string taxonomyRoot)
    {
        // The taxonomy's template says `repo: <document-repository-url-goes-here>`: not a path, a blank to fill in.
        if (repo.Length > 2 && repo[0] == '<' && repo[^1] == '>')
        {
            return (null, "this is the template's placeholder; replace it with the https URL of the git repository holding your document");
        }

        if (repo.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return DocumentUrlPolicy.Refusal(repo, options) is { } refused ? (null, refused) : (repo, null);
        }

        if (repo.Any(char.IsControl)) return (null, "it holds a control character");
        var local = repo.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(repo).LocalPath
            : repo.Contains("://", StringComparison.Ordinal) || IsScpLike(repo) ? null
            : Path.GetFullPath(repo, Path.GetFullPath(taxonomyRoot));
        if (local is null) return (null, "only https URLs are fetched (or local repositories with --allow-local-repos)");
        // Existence is the fetch's business: a commit already in the cache needs no source at all.
        return options.AllowLocalRepos ? (local, null) : (null, "local repositories are read only with --allow-local-repos");
    }

    // git@github.com:owner/repo.git
    private static bool IsScpLike(string repo) =>
        repo.IndexOf(':', StringComparison.Ordinal) is > 1 and var colon && repo[..colon].Contains('@', StringComparison.Ordinal);

    private static bool IsHttps(string source) => source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>A mirror is a URL, or a local path taken from the current folder (the maintainer's command line or git config).</summary>
    private static string MirrorSource(string mirror) =>
        mirror.Contains("://", StringComparison.Ordinal) ? mirror : Path.GetFullPath(mirror);

    /// <summary>Hosts found unreachable in this run, so the next leaf on the same host is told at once, not after another wait.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string?>>> _hosts = new(StringComparer.OrdinalIgnoreCase);

    private Task<string?> UnreachableAsync(Uri url, CancellationToken cancellationToken) =>
        _hosts.GetOrAdd(url.Authority, _ => new Lazy<Task<string?>>(() => HostReachability.ProblemAsync(url, options.ConnectTimeout, cancellationToken))).Value;

    /// <summary>libgit2's words for a network that is not there (as opposed to a server's answer about the repository).</summary>
    private static bool LooksLikeNetwork(string failure) =>
        NetworkFailures.Any(marker => failure.Contains(marker, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] NetworkFailures =
    [
        "no answer within", "failed to resolve address", "could not resolve", "failed to connect", "timed out", "network is unreachable",
        "no route to host", "connection refused", "connection reset",
    ];

    private static Commit? FindCommit(string cache, string commit)
    {
        using var repository = new Repository(cache);
        return FindCommit(repository, commit);
    }

    // The document's `commit` as an id, or as a branch or tag name of the fetched repository (or of a cache entry
    // pre-filled with `git clone --bare`, whose branches are local ones).
    private static Commit? FindCommit(Repository repository, string commit) =>
        GitRefs.FindCommit(repository, [commit, $"refs/remotes/origin/{commit}", $"refs/tags/{commit}", $"refs/heads/{commit}"]);

    /// <summary>
    /// Fetches every branch and tag; returns why it failed, or null. A failure on the way is tried again within
    /// <see cref="DocumentOptions.FetchAttempts"/>; a timeout or a definite refusal is not.
    /// </summary>
    private async Task<string?> FetchAsync(string cache, string source, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (failure, retryable) = await FetchOnceAsync(cache, source, cancellationToken).ConfigureAwait(false);
            if (failure is null) return null;
            if (!retryable || attempt >= Math.Max(1, options.FetchAttempts))
            {
                return attempt > 1 ? $"{failure} (after {attempt} attempts)" : failure;
            }

            await options.RetryDelay(TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One fetch, bounded by the timeout: why it failed (null when it did not), and whether trying again may help.</summary>
    private async Task<(string? Failure, bool Retryable)> FetchOnceAsync(string cache, string source, CancellationToken cancellationToken)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = abort.Token;
        var fetch = Task.Run(() =>
        {
            using var repository = new Repository(cache);
            // The source may change between runs (a mirror one day, the URL itself the next): origin follows it.
            if (repository.Network.Remotes["origin"] is null) repository.Network.Remotes.Add("origin", source);
            else if (repository.Network.Remotes["origin"].Url != source) repository.Network.Remotes.Update("origin", remote => remote.Url = source);
            var fetchOptions = new FetchOptions
            {
                TagFetchMode = TagFetchMode.All,
                OnTransferProgress = _ => !token.IsCancellationRequested,
                OnProgress = _ => !token.IsCancellationRequested,
            };
            Commands.Fetch(repository, "origin", ["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"], fetchOptions, null);
        }, CancellationToken.None);

        try
        {
            await fetch.WaitAsync(options.FetchTimeout, cancellationToken).ConfigureAwait(false);
            return (null, false);
        }
        catch (TimeoutException)
        {
            await abort.CancelAsync().ConfigureAwait(false); // libgit2 stops at its next progress callback
            return ($"no answer within {options.FetchTimeout.TotalSeconds:0} seconds", false);
        }
        catch (LibGit2SharpException exception)
        {
            var message = exception.Message.TrimEnd('.');
            return (message, !IsDefiniteAnswer(message));
        }
    }

    /// <summary>
    /// libgit2 reports every fetch failure as one exception type; its message tells a server's definite answer (a 4xx,
    /// credentials asked for) from a failure on the way, which is worth another try.
    /// </summary>
    private static bool IsDefiniteAnswer(string message) =>
        DefiniteAnswers.Any(marker => message.Contains(marker, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] DefiniteAnswers =
        ["status code: 4", "authentication", "credentials", "not found", "does not exist", "not a git repository", "unsupported URL protocol"];

    /// <summary>Bytes of documents this resolver has read, over all its leaves (each blob once per leaf).</summary>
    public long BytesRead => Interlocked.Read(ref _runBytes);

    private long _runBytes;

    private DocumentResolution Check(DocumentReference reference, string leafFile, Commit commit)
    {
        if (Files(commit.Tree) is not { } entries)
        {
            return Fail(DocumentDiagnostics.DocumentTreeTooLarge.At(leafFile, reference.RepoPosition, reference.Repo, commit.Sha[..12], options.MaxTreeEntries));
        }

        var diagnostics = new List<Diagnostic>();
        var read = new LeafDocumentsRead(reference.Repo, commit.Sha);
        foreach (var (pattern, position) in reference.Patterns)
        {
            if (DocumentGlob.Escapes(pattern))
            {
                diagnostics.Add(DocumentDiagnostics.PatternEscapes.At(leafFile, position, pattern));
                continue;
            }

            var (matched, refused) = Match(pattern, entries);
            if (refused is not null)
            {
                diagnostics.Add(DocumentDiagnostics.InvalidPattern.At(leafFile, position, pattern, refused));
                continue;
            }

            if (matched.Count == 0)
            {
                diagnostics.Add(DocumentDiagnostics.PatternMatchesNothing.At(leafFile, position, pattern, commit.Sha[..12]));
                continue;
            }

            foreach (var (path, entry) in matched)
            {
                if (Take(read, path, entry, pattern) is { } problem)
                {
                    diagnostics.Add(problem.At(leafFile, position));
                    // A cap ends the leaf's reading: what is left would only add to what the cap refused.
                    if (problem.EndsReading) return read.Resolution(diagnostics);
                }
            }
        }

        return read.Resolution(diagnostics);
    }

    /// <summary>The files the pattern matches, or why it cannot be used (it does not compile, or takes too long to match).</summary>
    private static (List<(string Path, TreeEntry Entry)> Matched, string? Refused) Match(string pattern, IReadOnlyList<(string Path, TreeEntry Entry)> entries)
    {
        var compiled = DocumentGlob.Compile(pattern);
        if (compiled.Glob is not { } glob) return ([], compiled.Error);
        try
        {
            return (entries.Where(entry => glob.IsMatch(entry.Path)).ToList(), null);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return ([], "it takes too long to match");
        }
    }

    /// <summary>Takes one matched file into the leaf's documents, or says why not (and whether reading stops there).</summary>
    private DocumentFileProblem? Take(LeafDocumentsRead read, string path, TreeEntry entry, string pattern)
    {
        if (entry.Mode == Mode.SymbolicLink) return new DocumentFileProblem(DocumentDiagnostics.NotAPlainFile, [path, pattern]);
        if (!path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase))
        {
            return new DocumentFileProblem(DocumentDiagnostics.NotMarkdown, [path, pattern]);
        }

        if (entry.Target is not Blob blob || read.Has(path)) return null;
        if (blob.Size > options.MaxDocumentBytes) return new DocumentFileProblem(DocumentDiagnostics.DocumentTooLarge, [path, blob.Size, options.MaxDocumentBytes]);
        if (read.FileCount >= options.MaxDocumentFiles)
        {
            return new DocumentFileProblem(DocumentDiagnostics.TooManyDocumentFiles, [pattern, options.MaxDocumentFiles], EndsReading: true);
        }

        // Sixty paths naming one blob are one document: its bytes are read and counted once.
        if (read.HasBlob(blob.Sha))
        {
            read.AddPath(path, blob);
            return null;
        }

        if (read.Bytes + blob.Size > options.MaxLeafDocumentBytes)
        {
            return new DocumentFileProblem(DocumentDiagnostics.LeafDocumentsTooLarge, [pattern, options.MaxLeafDocumentBytes, path], EndsReading: true);
        }

        if (Interlocked.Add(ref _runBytes, blob.Size) > options.MaxRunDocumentBytes)
        {
            Interlocked.Add(ref _runBytes, -blob.Size);
            return new DocumentFileProblem(DocumentDiagnostics.RunDocumentsTooLarge, [options.MaxRunDocumentBytes, path], EndsReading: true);
        }

        read.AddDocument(path, blob, Text(blob));
        return null;
    }

    /// <summary>
    /// The bytes git stores, unfiltered (the filtered read returns through a buffer that native, ahead-of-time
    /// marshalling does not copy back, and a document has no working tree to convert for), streamed under the file cap.
    /// </summary>
    private string Text(Blob blob)
    {
        using var stream = new BoundedReadStream(blob.GetContentStream(), options.MaxDocumentBytes);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Every file of the tree with its path, or null past <see cref="DocumentOptions.MaxTreeEntries"/> entries.</summary>
    private List<(string Path, TreeEntry Entry)>? Files(Tree root)
    {
        var files = new List<(string Path, TreeEntry Entry)>();
        var seen = 0;
        // Iterative, so a tree nested thousands of folders deep costs no stack.
        var folders = new Stack<(Tree Tree, string Prefix)>([(root, string.Empty)]);
        while (folders.TryPop(out var folder))
        {
            foreach (var entry in folder.Tree)
            {
                if (++seen > options.MaxTreeEntries) return null;
                var path = folder.Prefix + entry.Name;
                if (entry.TargetType == TreeEntryTargetType.Tree) folders.Push(((Tree)entry.Target, path + "/"));
                else if (entry.TargetType == TreeEntryTargetType.Blob) files.Add((path, entry));
            }
        }

        return files.OrderBy(file => file.Path, StringComparer.Ordinal).ToList();
    }

    private static DocumentResolution Fail(Diagnostic diagnostic) => new([], [diagnostic]);
}
