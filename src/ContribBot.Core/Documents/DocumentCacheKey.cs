using System.Security.Cryptography;
using System.Text;

namespace ContribBot.Core.Documents;

/// <summary>
/// The folder name of a document repository in the cache: the first 24 hex digits of the SHA-256 of its normalized
/// URL. Normalized means: scheme and host in lower case, and a trailing <c>/</c> and <c>.git</c> dropped, so
/// <c>https://github.com/org/docs</c>, <c>https://GitHub.com/org/docs.git</c> and <c>…/docs/</c> share one entry.
/// A local path is used as it is (made absolute by the caller). Documented in docs/documents.md for CI to pre-fill.
/// </summary>
public static class DocumentCacheKey
{
    public static string Of(string source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(source))))[..24];

    public static string Normalize(string source)
    {
        var text = source.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
        {
            var path = uri.AbsolutePath.TrimEnd('/');
            if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) path = path[..^4];
            var port = uri.IsDefaultPort ? string.Empty : $":{uri.Port}";
            return $"{uri.Scheme}://{uri.Host.ToLowerInvariant()}{port}{path}";
        }

        text = text.TrimEnd('/');
        return text.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? text[..^4] : text;
    }
}
