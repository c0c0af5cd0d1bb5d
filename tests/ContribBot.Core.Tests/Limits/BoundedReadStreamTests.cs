using ContribBot.Core.Limits;

namespace ContribBot.Core.Tests.Limits;

public sealed class BoundedReadStreamTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public async Task Input_of_at_most_the_limit_reads_whole(int length)
    {
        await using var bounded = new BoundedReadStream(new MemoryStream(new byte[length]), 1000);
        var copy = new MemoryStream();

        await bounded.CopyToAsync(copy);

        Assert.Equal(length, copy.Length);
    }

    [Fact]
    public async Task One_byte_more_than_the_limit_fails_with_the_limit_named_having_read_no_more_than_one_byte_past_it()
    {
        var endless = new CountingStream();
        await using var bounded = new BoundedReadStream(endless, 1000);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => bounded.CopyToAsync(Stream.Null));

        Assert.Equal("more than 1,000 bytes", error.Message);
        Assert.Equal(1001, endless.Served);
    }

    /// <summary>A stream that never ends.</summary>
    private sealed class CountingStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
