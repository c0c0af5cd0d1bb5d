using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace ContribBot.Core.Git;

/// <summary>
/// The id git gives a file's content (SHA-1 of "blob LENGTH\0" and the bytes), computed without touching a
/// repository, so a leaf read from disk and the same leaf read from a commit have the same id.
/// </summary>
public static class GitBlobId
{
    public static string Of(ReadOnlySpan<byte> content)
    {
        // One hash call over header and content together: validation takes an id of every leaf, and an incremental
        // hash object per call cost more than the hashing itself.
        Span<byte> header = stackalloc byte[32];
        var headerLength = Header(content.Length, header);
        var whole = ArrayPool<byte>.Shared.Rent(headerLength + content.Length);
        try
        {
            header[..headerLength].CopyTo(whole);
            content.CopyTo(whole.AsSpan(headerLength));
            Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // Git names objects by SHA-1; this is an id, not a security check.
            SHA1.HashData(whole.AsSpan(0, headerLength + content.Length), hash);
#pragma warning restore CA5350
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(whole);
        }
    }

    private static int Header(int length, Span<byte> into)
    {
        "blob "u8.CopyTo(into);
        length.TryFormat(into[5..], out var digits, provider: CultureInfo.InvariantCulture);
        into[5 + digits] = 0;
        return 5 + digits + 1;
    }
}
