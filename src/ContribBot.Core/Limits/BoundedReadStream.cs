namespace ContribBot.Core.Limits;

/// <summary>
/// Reads another stream up to a number of bytes and fails past it, so untrusted input (a report artifact, a reply
/// body) is read as a stream and never more of it than allowed, whatever its length claims.
/// </summary>
public sealed class BoundedReadStream(Stream inner, long maxBytes, bool leaveOpen = false) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    /// <exception cref="InvalidDataException">More than the allowed bytes.</exception>
    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Room(count)));

    /// <exception cref="InvalidDataException">More than the allowed bytes.</exception>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer[..Room(buffer.Length)], cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen) inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!leaveOpen) await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    // One byte past the limit is asked for, so that input of exactly the limit passes and anything longer is caught.
    private int Room(int count) => (int)Math.Min(count, maxBytes - _read + 1);

    private int Count(int read)
    {
        _read += read;
        return _read > maxBytes ? throw new InvalidDataException($"more than {Size(maxBytes)}") : read;
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes:N0} bytes";
}
