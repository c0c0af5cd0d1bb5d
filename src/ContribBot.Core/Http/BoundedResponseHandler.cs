using ContribBot.Core.Limits;

namespace ContribBot.Core.Http;

/// <summary>
/// Hands on each response with its body readable up to a number of bytes only, so a server cannot make a client read
/// a 50 MB reply whole: a declared length over the cap fails at once, a body that grows past it fails while read. Both
/// fail with <see cref="InvalidDataException"/>, as <see cref="BoundedReadStream"/> does.
/// </summary>
public sealed class BoundedResponseHandler(long maxBytes, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            response.Dispose();
            throw new InvalidDataException($"more than {maxBytes:N0} bytes");
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var bounded = new StreamContent(new BoundedReadStream(body, maxBytes));
        foreach (var header in response.Content.Headers) bounded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = bounded;
        return response;
    }
}
