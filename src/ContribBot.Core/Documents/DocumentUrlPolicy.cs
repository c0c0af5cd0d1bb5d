using System.Net;
using System.Net.Sockets;

namespace ContribBot.Core.Documents;

/// <summary>
/// Which https URLs a leaf's <c>document.repo</c> may name. The URL comes from a pull request and is fetched by the
/// machine that runs the check, so it must not reach that machine's own services or its network: https on port 443
/// (or a port an allowed host names), a public host, no credentials, no control characters. With
/// <see cref="DocumentOptions.AllowLocalRepos"/> (self-hosted mirrors) loopback and private hosts and any port are allowed too.
/// </summary>
public static class DocumentUrlPolicy
{
    /// <summary>Why the URL is refused, or null when it may be fetched (before its host's addresses are known).</summary>
    public static string? Refusal(string repo, DocumentOptions options)
    {
        if (repo.Any(char.IsControl)) return "it holds a control character";
        if (!Uri.TryCreate(repo, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Host.Length == 0)
        {
            return "it is not a valid https URL";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "it holds credentials; document repositories must be public, and a URL is stored in caches and reports";
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)) return "it has a query or fragment (?… or #…)";
        if (options.AllowedHosts.Count > 0 && !options.AllowedHosts.Any(allowed => Matches(allowed, uri)))
        {
            return $"its host {uri.Authority} is not in documents.allowed_hosts ({string.Join(", ", options.AllowedHosts)})";
        }

        if (options.AllowLocalRepos) return null; // a mirror of the maintainer's own, on any host and port
        if (uri.Port != 443 && !options.AllowedHosts.Any(allowed => allowed.Contains(':', StringComparison.Ordinal) && Matches(allowed, uri)))
        {
            return $"it names port {uri.Port}; only port 443 is fetched unless documents.allowed_hosts names host:port";
        }

        if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
            uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "it names this machine (loopback)";
        }

        return IPAddress.TryParse(uri.DnsSafeHost, out var address) && !IsPublic(address)
            ? $"it names a private, link-local or reserved address ({address})"
            : null;
    }

    /// <summary>True for an address on the public internet: not loopback, private, link-local, shared, multicast or reserved.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10 || b[0] == 0 || b[0] >= 224 // private, "this network", multicast and reserved
                     || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
                     || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
                     || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                     || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                     || (b[0] == 198 && (b[1] == 18 || b[1] == 19)));
        }

        var bytes = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                 || (bytes[0] & 0xFE) == 0xFC); // unique local fc00::/7
    }

    /// <summary>
    /// Why the host's addresses are refused (one of them is not public), or null; a name that does not resolve is left
    /// to the fetch to report. Checked just before fetching, so a public-looking name cannot point at the machine itself.
    /// </summary>
    public static async Task<string?> AddressRefusalAsync(string repo, DocumentOptions options, CancellationToken cancellationToken)
    {
        if (options.AllowLocalRepos || !Uri.TryCreate(repo, UriKind.Absolute, out var uri) || IPAddress.TryParse(uri.DnsSafeHost, out _)) return null;
        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            addresses = await Dns.GetHostAddressesAsync(uri.DnsSafeHost, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SocketException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }

        return addresses.FirstOrDefault(address => !IsPublic(address)) is { } inside
            ? $"its host {uri.DnsSafeHost} resolves to a private, loopback or link-local address ({inside})"
            : null;
    }

    /// <summary>The URL with any credentials masked, for messages and reports.</summary>
    public static string Shown(string repo) =>
        Uri.TryCreate(repo, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? repo.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal)
            : repo;

    private static bool Matches(string allowed, Uri uri)
    {
        var (host, port) = allowed.LastIndexOf(':') is > 0 and var colon && int.TryParse(allowed[(colon + 1)..], out var given)
            ? (allowed[..colon], given)
            : (allowed, 443);
        return uri.Host.Equals(host, StringComparison.OrdinalIgnoreCase) && uri.Port == port;
    }
}
