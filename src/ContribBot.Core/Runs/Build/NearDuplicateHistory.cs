using System.Buffers.Binary;

namespace ContribBot.Core.Runs.Build;

/// <summary>
/// The rows the previous dataset version kept, for the near-duplicate check of the next (<c>--near-duplicate-index</c>,
/// and beside the cache for a whole build): each row's id and its word shingles, in a small binary file
/// (<c>CBNDIX1</c>, then per row 16 bytes of id, a count and the shingles). Read with bounds: it lives in a cache
/// that may be old or damaged, and a file that does not read is ignored (the merge then compares only this version's
/// rows) rather than trusted.
/// </summary>
public sealed class NearDuplicateHistory
{
    private static readonly byte[] Magic = "CBNDIX1\n"u8.ToArray();
    private const int MaxShinglesPerRow = 1 << 20;
    private const long MaxRows = 100_000_000;

    public NearDuplicateHistory(int shingleWords, IReadOnlyDictionary<UInt128, uint[]> rows)
    {
        ShingleWords = shingleWords;
        Rows = rows;
    }

    public int ShingleWords { get; }

    /// <summary>Shingles by row id (the 128 bits of the row's 32-hex-digit id).</summary>
    public IReadOnlyDictionary<UInt128, uint[]> Rows { get; }

    /// <summary>A row id as the key of <see cref="Rows"/>; null when it is not 32 hex digits.</summary>
    public static UInt128? Key(string? id) =>
        id is { Length: 32 } && UInt128.TryParse(id, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var key)
            ? key
            : null;

    /// <summary>The history in the file, or null with the reason when there is none or it does not read.</summary>
    public static async Task<(NearDuplicateHistory? History, string? Ignored)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return (null, null);
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            var magic = await ReadAsync(file, Magic.Length, cancellationToken).ConfigureAwait(false);
            if (!magic.AsSpan().SequenceEqual(Magic)) return (null, "not a near-duplicate index");
            var words = BinaryPrimitives.ReadInt32LittleEndian(await ReadAsync(file, 4, cancellationToken).ConfigureAwait(false));
            var count = BinaryPrimitives.ReadInt64LittleEndian(await ReadAsync(file, 8, cancellationToken).ConfigureAwait(false));
            if (count is < 0 or > MaxRows) return (null, "a row count out of range");
            var rows = new Dictionary<UInt128, uint[]>((int)Math.Min(count, 1 << 20));
            for (long row = 0; row < count; row++)
            {
                var head = await ReadAsync(file, 20, cancellationToken).ConfigureAwait(false);
                var id = BinaryPrimitives.ReadUInt128LittleEndian(head.AsSpan(0, 16));
                var n = BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(16, 4));
                if (n is < 0 or > MaxShinglesPerRow) return (null, "a shingle count out of range");
                var bytes = await ReadAsync(file, n * 4, cancellationToken).ConfigureAwait(false);
                var shingles = new uint[n];
                for (var i = 0; i < n; i++) shingles[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i * 4, 4));
                rows[id] = shingles;
            }

            return (new NearDuplicateHistory(words, rows), null);
        }
        catch (EndOfStreamException)
        {
            return (null, "it ends early");
        }
    }

    /// <summary>Writes the rows (id, shingles) atomically: a build killed while writing leaves the old file.</summary>
    public static async Task WriteAsync(string path, int shingleWords, IReadOnlyList<(UInt128 Id, uint[] Shingles)> rows, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await Files.AtomicFile.WriteAsync(path, async output =>
        {
            var head = new byte[Magic.Length + 12];
            Magic.CopyTo(head, 0);
            BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(Magic.Length), shingleWords);
            BinaryPrimitives.WriteInt64LittleEndian(head.AsSpan(Magic.Length + 4), rows.Count);
            await output.WriteAsync(head, cancellationToken).ConfigureAwait(false);
            foreach (var (id, shingles) in rows)
            {
                var record = new byte[20 + shingles.Length * 4];
                BinaryPrimitives.WriteUInt128LittleEndian(record.AsSpan(0, 16), id);
                BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(16, 4), shingles.Length);
                for (var i = 0; i < shingles.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(20 + i * 4, 4), shingles[i]);
                await output.WriteAsync(record, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Exactly <paramref name="count"/> bytes, or <see cref="EndOfStreamException"/> at a short file.</summary>
    private static async Task<byte[]> ReadAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var bytes = new byte[count];
        await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }
}
