namespace ContribBot.Core.Documents;

/// <summary>How knowledge documents are fetched and checked.</summary>
public sealed record DocumentOptions
{
    public static DocumentOptions Default { get; } = new();

    /// <summary>
    /// Accept local paths, <c>file://</c> URLs and https hosts on loopback or private addresses (tests, self-hosted
    /// mirrors); public https hosts only otherwise.
    /// </summary>
    public bool AllowLocalRepos { get; init; }

    /// <summary>
    /// The hosts <c>repo</c> may name (<c>host</c> for port 443, <c>host:port</c> otherwise); empty: any public host on
    /// port 443 (<see cref="DocumentUrlPolicy"/>).
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Never fetch: check what the cache holds and say what was skipped.</summary>
    public bool Offline { get; init; }

    /// <summary>Where fetched document repositories are kept, keyed by URL (default: the user's cache folder).</summary>
    public string CacheDirectory { get; init; } = DefaultCacheDirectory();

    /// <summary>
    /// Longest the host of an https document repository may take to accept a connection before the fetch is given up
    /// as unreachable (CB0616, the network's problem). Default 10 s.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The maintainer's mirrors: where to fetch a repository from instead of its URL.</summary>
    public DocumentMirrors Mirrors { get; init; } = DocumentMirrors.None;

    /// <summary>Longest a fetch may take. Default 60 s.</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Tries of a fetch that fails on the way (a connection reset, a 5xx, a local mirror folder not filled yet), 1 s then
    /// 2 s apart. A timeout or a definite answer (a 4xx, credentials asked for, a path that does not exist) is not tried
    /// again. Default 3.
    /// </summary>
    public int FetchAttempts { get; init; } = 3;

    /// <summary>How the wait between fetch tries is spent; tests replace it to change the world in between.</summary>
    public Func<TimeSpan, CancellationToken, Task> RetryDelay { get; init; } = Task.Delay;

    /// <summary>Largest document file accepted. Default 10 MiB.</summary>
    public long MaxDocumentBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Most document files one leaf's patterns may match (each path counted once). Default 200.</summary>
    public int MaxDocumentFiles { get; init; } = 200;

    /// <summary>Most bytes of documents read for one leaf, each blob counted once however many paths name it. Default 20 MiB.</summary>
    public long MaxLeafDocumentBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>Most bytes of documents read by one resolver, that is one run, over all its leaves. Default 100 MiB.</summary>
    public long MaxRunDocumentBytes { get; init; } = 100 * 1024 * 1024;

    /// <summary>Most files of a document repository's commit looked at when matching patterns. Default 100,000.</summary>
    public int MaxTreeEntries { get; init; } = 100_000;

    /// <summary>CONTRIBBOT_CACHE_DIR, else $XDG_CACHE_HOME/contribbot, else ~/.cache/contribbot; then /documents.</summary>
    public static string DefaultCacheDirectory() => DefaultCacheDirectory(Environment.GetEnvironmentVariable);

    /// <summary>The same, from the given environment (a front door passes its own, tests theirs).</summary>
    public static string DefaultCacheDirectory(Func<string, string?> environment)
    {
        var root = environment("CONTRIBBOT_CACHE_DIR");
        if (string.IsNullOrEmpty(root))
        {
            var xdg = environment("XDG_CACHE_HOME");
            root = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "contribbot")
                : Path.Combine(xdg, "contribbot");
        }

        return Path.Combine(root, "documents");
    }
}
