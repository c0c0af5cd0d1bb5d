using System.Collections.Concurrent;
using System.Net;
using ContribBot.GitHub;
using Octokit;

namespace ContribBot.Bot.Auth;

/// <summary>
/// GitHub clients that speak as the App (signed with a fresh JWT) and as one of its installations (with an
/// installation token, asked for once and used until <see cref="RenewBefore"/> ahead of its expiry, then renewed).
/// Tokens are opaque strings of no fixed length (new ones are about 520 characters) and are never logged.
/// </summary>
public sealed class InstallationTokens(AppIdentity identity, GitHubClientFactory clients, GitHubRetry retry, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _locks = new();
    private readonly ConcurrentDictionary<long, AccessToken> _tokens = new();
    private readonly ConcurrentDictionary<string, long> _installations = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A token is renewed this long before it expires (GitHub's last an hour), so no call starts with one about to lapse.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    /// <summary>How many installation tokens were asked of GitHub (for /metrics and tests).</summary>
    public int TokensIssued => _issued;

    private int _issued;

    /// <summary>A client speaking as the App itself (its JWT): deliveries, installations.</summary>
    public IGitHubClient AppClient() => clients.For(new JwtCredentials(identity, _time));

    /// <summary>
    /// A client for one installation; its token is looked up per request, so a long job renews it as it goes.
    /// With no installation id (an event without one), the repository's installation is looked up.
    /// </summary>
    /// <exception cref="GitHubRefusedException">The App is not installed on the repository, or GitHub refused its JWT.</exception>
    public async Task<InstallationClient> ForRepositoryAsync(string owner, string name, long? installationId, CancellationToken cancellationToken)
    {
        var id = installationId ?? await InstallationOfAsync(owner, name, cancellationToken).ConfigureAwait(false);
        await TokenAsync(id, cancellationToken).ConfigureAwait(false);
        return new InstallationClient(clients.For(new InstallationCredentials(this, id)), id);
    }

    /// <summary>The installation's token, asked for again when it is within <see cref="RenewBefore"/> of expiring.</summary>
    public async Task<string> TokenAsync(long installationId, CancellationToken cancellationToken)
    {
        if (Fresh(installationId) is { } token) return token;
        var gate = _locks.GetOrAdd(installationId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(installationId) is { } again) return again;
            var issued = await Refused(() => retry.RunAsync($"asking for a token of installation {installationId}",
                () => AppClient().GitHubApps.CreateInstallationToken(installationId), cancellationToken), $"installation {installationId}").ConfigureAwait(false);
            Interlocked.Increment(ref _issued);
            _tokens[installationId] = issued;
            return issued.Token;
        }
        finally
        {
            gate.Release();
        }
    }

    private string? Fresh(long installationId) =>
        _tokens.TryGetValue(installationId, out var token) && token.ExpiresAt - RenewBefore > _time.GetUtcNow() ? token.Token : null;

    private async Task<long> InstallationOfAsync(string owner, string name, CancellationToken cancellationToken)
    {
        var key = $"{owner}/{name}";
        if (_installations.TryGetValue(key, out var known)) return known;
        var installation = await Refused(() => retry.RunAsync($"looking up the App's installation on {key}",
            () => AppClient().GitHubApps.GetRepositoryInstallationForCurrent(owner, name), cancellationToken), key).ConfigureAwait(false);
        return _installations[key] = installation.Id;
    }

    /// <summary>GitHub's refusals of the App said in its words: which setting to look at.</summary>
    private static async Task<T> Refused<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (GitHubRefusedException exception) when (exception.Status == HttpStatusCode.NotFound)
        {
            throw new GitHubRefusedException($"the App is not installed on {what} (GitHub answered 404): install it on the repository, or check CONTRIBBOT_APP_ID.",
                exception.Status, exception);
        }
        catch (GitHubRefusedException exception) when (exception.Status == HttpStatusCode.Unauthorized)
        {
            throw new GitHubRefusedException("GitHub refused the App's signed token (401): CONTRIBBOT_APP_ID and the private key must belong to the same App, " +
                                             "and this machine's clock must be right.", exception.Status, exception);
        }
    }

    /// <summary>A fresh JWT per request: cheap to sign, and never one that has lapsed in a long job.</summary>
    private sealed class JwtCredentials(AppIdentity identity, TimeProvider time) : ICredentialStore
    {
        public Task<Credentials> GetCredentials() =>
            Task.FromResult(new Credentials(AppJwt.Create(identity.AppId, identity.Key, time.GetUtcNow()), AuthenticationType.Bearer));
    }

    private sealed class InstallationCredentials(InstallationTokens tokens, long installationId) : ICredentialStore
    {
        public async Task<Credentials> GetCredentials() =>
            new(await tokens.TokenAsync(installationId, CancellationToken.None).ConfigureAwait(false));
    }
}

/// <summary>A client speaking as one installation of the App, and that installation's id (for its token).</summary>
public sealed record InstallationClient(IGitHubClient Client, long InstallationId);
