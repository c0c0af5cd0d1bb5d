using System.Net;
using System.Net.Sockets;

namespace ContribBot.Core.Documents;

/// <summary>
/// Whether a document host answers at all, found in seconds before git is asked to fetch: libgit2 waits about a
/// minute for a connection that never comes, and a missing network is the runner's problem, not the contributor's.
/// </summary>
public static class HostReachability
{
    /// <summary>Why <paramref name="url"/>'s host cannot be reached (the name does not resolve, no connection within the timeout, refused), or null.</summary>
    public static async Task<string?> ProblemAsync(Uri url, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.DnsSafeHost, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(url.DnsSafeHost, timeout.Token).ConfigureAwait(false);
        }
        catch (SocketException exception)
        {
            return $"the name {url.Host} does not resolve ({exception.SocketErrorCode})";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the name {url.Host} did not resolve within {connectTimeout.TotalSeconds:0} seconds";
        }

        if (addresses.Length == 0) return $"the name {url.Host} has no address";
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(addresses, url.Port, timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (SocketException exception)
        {
            return $"no connection to {url.Host}:{url.Port} ({exception.SocketErrorCode})";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no connection to {url.Host}:{url.Port} within {connectTimeout.TotalSeconds:0} seconds";
        }
    }
}
