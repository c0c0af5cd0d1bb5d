using System.Net;
using ContribBot.Core.Documents;

namespace ContribBot.Core.Tests.Documents;

/// <summary>A pull request names the document URL; the machine that checks it must not fetch its own network with it.</summary>
public sealed class DocumentUrlPolicyTests
{
    private static readonly DocumentOptions Public = DocumentOptions.Default;

    [Theory]
    [InlineData("https://github.com/owner/docs")]
    [InlineData("https://github.com/owner/docs.git")]
    [InlineData("https://gitlab.example.org:443/group/docs.git")]
    [InlineData("https://8.8.8.8/docs.git")]
    public void A_public_https_url_on_port_443_is_fetched(string repo) => Assert.Null(DocumentUrlPolicy.Refusal(repo, Public));

    [Theory]
    [InlineData("https://127.0.0.1/docs.git", "loopback")]
    [InlineData("https://[::1]/docs.git", "loopback")]
    [InlineData("https://localhost/docs.git", "loopback")]
    [InlineData("https://api.localhost/docs.git", "loopback")]
    [InlineData("https://10.1.2.3/docs.git", "private")]
    [InlineData("https://172.20.0.1/docs.git", "private")]
    [InlineData("https://192.168.1.1/docs.git", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data", "private")]
    [InlineData("https://100.64.0.1/docs.git", "private")]
    [InlineData("https://0.0.0.0/docs.git", "private")]
    [InlineData("https://[fe80::1]/docs.git", "private")]
    [InlineData("https://[fd00::1]/docs.git", "private")]
    [InlineData("https://[::ffff:10.0.0.1]/docs.git", "private")]
    [InlineData("https://github.com:8443/owner/docs.git", "port 8443")]
    [InlineData("https://user:ghp_secret@github.com/owner/docs.git", "credentials")]
    [InlineData("https://github.com/owner/docs.git\r\nX-Injected: 1", "control character")]
    [InlineData("https://github.com/owner/docs.git?token=x", "query")]
    public void Urls_that_reach_inward_or_carry_secrets_are_refused(string repo, string reason) =>
        Assert.Contains(reason, DocumentUrlPolicy.Refusal(repo, Public), StringComparison.Ordinal);

    [Fact]
    public void Allowed_hosts_narrow_the_hosts_and_may_name_a_port()
    {
        var options = Public with { AllowedHosts = ["github.com", "git.example.org:8443"] };

        Assert.Null(DocumentUrlPolicy.Refusal("https://github.com/o/docs.git", options));
        Assert.Null(DocumentUrlPolicy.Refusal("https://git.example.org:8443/o/docs.git", options));
        Assert.Contains("not in documents.allowed_hosts", DocumentUrlPolicy.Refusal("https://gitlab.com/o/docs.git", options), StringComparison.Ordinal);
        Assert.Contains("not in documents.allowed_hosts", DocumentUrlPolicy.Refusal("https://github.com:8443/o/docs.git", options), StringComparison.Ordinal);
    }

    [Fact]
    public void Local_mirrors_may_be_on_loopback_or_private_hosts_when_allowed()
    {
        var mirrors = Public with { AllowLocalRepos = true };

        Assert.Null(DocumentUrlPolicy.Refusal("https://127.0.0.1/docs.git", mirrors));
        Assert.Null(DocumentUrlPolicy.Refusal("https://10.0.0.5/docs.git", mirrors));
        Assert.NotNull(DocumentUrlPolicy.Refusal("https://user:pw@10.0.0.5/docs.git", mirrors));
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("140.82.112.3", true)]
    [InlineData("2606:4700::1111", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("::ffff:192.168.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("198.18.0.1", false)]
    public void Only_addresses_on_the_public_internet_are_public(string address, bool isPublic) =>
        Assert.Equal(isPublic, DocumentUrlPolicy.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void Credentials_are_masked_wherever_the_url_is_shown() =>
        Assert.Equal("https://***@github.com/o/docs.git", DocumentUrlPolicy.Shown("https://user:ghp_secret@github.com/o/docs.git"));
}
