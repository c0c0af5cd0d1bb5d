using ContribBot.Core.Reports;
using Octokit;
using Octokit.Internal;

namespace ContribBot.GitHub;

/// <summary>
/// Makes GitHub clients for one API address over one shared HTTP handler, so every client (the CLI's token, the App's
/// installation tokens, one per job) reuses the same connections instead of opening its own.
/// </summary>
public sealed class GitHubClientFactory : IDisposable
{
    public static readonly Uri PublicApi = new("https://api.github.com/");

    private readonly HttpMessageHandler _handler;
    private readonly bool _ownsHandler;

    /// <param name="handler">The handler to share; by default one made here (and disposed with the factory).</param>
    /// <param name="apiUrl">GITHUB_API_URL: https://api.github.com, or a GitHub Enterprise Server host (its API is under /api/v3/).</param>
    public GitHubClientFactory(Uri apiUrl, HttpMessageHandler? handler = null)
    {
        ApiUrl = ApiRoot(apiUrl);
        _ownsHandler = handler is null;
        _handler = handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    }

    public Uri ApiUrl { get; }

    /// <summary>A client that sends <paramref name="token"/> (a workflow's GITHUB_TOKEN, a personal or installation token).</summary>
    public IGitHubClient ForToken(string token) => For(new InMemoryCredentialStore(new Credentials(token)));

    /// <summary>A client whose credentials are looked up per request (an App's installation token, renewed as it expires).</summary>
    public IGitHubClient For(ICredentialStore credentials)
    {
        var http = new HttpClientAdapter(() => new SharedHandler(_handler));
        var connection = new Connection(new ProductHeaderValue(ReportContext.ToolName, ReportContext.ToolVersion), ApiUrl, credentials, http, new SimpleJsonSerializer());
        return new GitHubClient(connection);
    }

    public void Dispose()
    {
        if (_ownsHandler) _handler.Dispose();
    }

    /// <summary>github.com's API, or an Enterprise Server's: its host with /api/v3/ (what the Actions runner gives either way).</summary>
    private static Uri ApiRoot(Uri given) =>
        given.Host is "github.com" or "api.github.com" ? PublicApi : new Uri(given, "/api/v3/");

    /// <summary>Hands requests to the shared handler and leaves it open when a client is done with it.</summary>
    private sealed class SharedHandler(HttpMessageHandler inner) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _invoker = new(inner, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _invoker.SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _invoker.Dispose();
            base.Dispose(disposing);
        }
    }
}
