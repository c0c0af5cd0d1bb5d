using System.Security.Cryptography;
using System.Text;

namespace ContribBot.Core.Git;

/// <summary>
/// The id git gives a file's content (SHA-1 of "blob LENGTH\0" and the bytes), computed without touching a
/// repository, so a leaf read from disk and the same leaf read from a commit have the same id.
/// </summary>
public static class GitBlobId
{
    public static string Of(ReadOnlySpan<byte> content)
    {
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(Encoding.ASCII.GetBytes($"blob {content.Length}\0"));
        sha1.AppendData(content);
        return Convert.ToHexStringLower(sha1.GetHashAndReset());
    }
}
