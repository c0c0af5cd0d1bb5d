using System.Net;
using System.Security.Cryptography;
using ContribBot.Bot.Auth;
using ContribBot.GitHub;
using ContribBot.Testing;
using ContribBot.Testing.FakeGitHub;

namespace ContribBot.Bot.Tests;

/// <summary>The App's JWT and installation tokens against the fake GitHub, which checks them as GitHub does.</summary>
public sealed class InstallationTokensTests : IAsyncLifetime, IDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private FakeGitHubServer _github = null!;
    private GitHubClientFactory _clients = null!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync();
        _github.Clock = _clock;
        _github.EnableApp("4242", RSA.Create(_key.ExportParameters(false)), new Dictionary<string, long> { ["octo-org/taxonomy"] = 77 });
        _clients = new GitHubClientFactory(_github.BaseUrl);
    }

    public async Task DisposeAsync() => await _github.DisposeAsync();

    public void Dispose()
    {
        _clients.Dispose();
        _key.Dispose();
    }

    private InstallationTokens Tokens(string appId = "4242", RSA? key = null) =>
        new(AppIdentity.Of(appId, (key ?? _key).ExportRSAPrivateKeyPem()), _clients, new GitHubRetry(clock: _clock) { MaxWait = TimeSpan.Zero }, _clock);

    [Fact]
    public async Task A_token_is_asked_for_once_and_used_until_shortly_before_it_expires()
    {
        var tokens = Tokens();
        var installation = await tokens.ForRepositoryAsync("octo-org", "taxonomy", null, CancellationToken.None);
        await installation.Client.PullRequest.Get("octo-org", "taxonomy", 1);
        await installation.Client.PullRequest.Get("octo-org", "taxonomy", 1);
        Assert.Equal([77L], _github.TokenRequests);

        _clock.Advance(TimeSpan.FromMinutes(56));
        await installation.Client.PullRequest.Get("octo-org", "taxonomy", 1);
        await installation.Client.PullRequest.Get("octo-org", "taxonomy", 1);

        Assert.Equal([77L, 77L], _github.TokenRequests);
        // New-format tokens are long: nothing may assume 40 characters.
        Assert.All(_github.Authorizations.Where(a => a.StartsWith("token ", StringComparison.OrdinalIgnoreCase)), a => Assert.True(a.Length > 500));
    }

    [Fact]
    public async Task A_repository_the_App_is_not_installed_on_is_a_clear_refusal()
    {
        var error = await Assert.ThrowsAsync<GitHubRefusedException>(() => Tokens().ForRepositoryAsync("octo-org", "elsewhere", null, CancellationToken.None));

        Assert.Contains("the App is not installed on octo-org/elsewhere", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_of_another_App_is_refused_with_what_to_check()
    {
        using var other = RSA.Create(2048);

        var error = await Assert.ThrowsAsync<GitHubRefusedException>(() => Tokens(key: other).ForRepositoryAsync("octo-org", "taxonomy", 77, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains("CONTRIBBOT_APP_ID and the private key must belong to the same App", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_JWT_is_issued_a_minute_back_and_expires_within_ten_minutes_of_issue()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var parts = AppJwt.Create("4242", _key, now).Split('.');
        using var claims = System.Text.Json.JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));

        Assert.Equal(now.ToUnixTimeSeconds() - 60, claims.RootElement.GetProperty("iat").GetInt64());
        Assert.InRange(claims.RootElement.GetProperty("exp").GetInt64() - claims.RootElement.GetProperty("iat").GetInt64(), 1, 600);
        Assert.Equal("4242", claims.RootElement.GetProperty("iss").GetString());
        Assert.True(_key.VerifyData(System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData("not a key at all")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----")]
    public void A_private_key_that_is_not_one_is_a_configuration_error_naming_the_variable(string pem)
    {
        var error = Assert.Throws<BotConfigException>(() => AppIdentity.FromEnvironment(name => name switch
        {
            "CONTRIBBOT_APP_ID" => "4242",
            "CONTRIBBOT_PRIVATE_KEY" => pem,
            _ => null,
        }));

        Assert.StartsWith("CONTRIBBOT_PRIVATE_KEY does not hold an RSA private key in PEM form", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_key_alone_is_refused()
    {
        var error = Assert.Throws<BotConfigException>(() => AppIdentity.Of("4242", _key.ExportRSAPublicKeyPem()));

        Assert.Contains("RSA private key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_app_id_says_where_to_find_it()
    {
        var error = Assert.Throws<BotConfigException>(() => AppIdentity.FromEnvironment(_ => null));

        Assert.StartsWith("CONTRIBBOT_APP_ID is not set", error.Message, StringComparison.Ordinal);
    }
}
