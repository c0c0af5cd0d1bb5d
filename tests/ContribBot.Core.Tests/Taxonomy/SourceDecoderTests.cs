using System.Text;
using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Tests.Taxonomy;

public sealed class SourceDecoderTests
{
    [Fact]
    public void A_byte_order_mark_is_dropped_with_a_warning()
    {
        var result = SourceDecoder.Decode("f", [0xEF, 0xBB, 0xBF, (byte)'a', (byte)':', (byte)' ', (byte)'1', (byte)'\n']);

        Assert.Equal("a: 1\n", result.Text);
        Assert.Equal("CB0107", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_its_line_and_column()
    {
        var bytes = Encoding.UTF8.GetBytes("a: 1\nb: caf").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();

        var result = SourceDecoder.Decode("f", bytes);

        Assert.Null(result.Text);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("CB0106", 2, 7), (diagnostic.Id, diagnostic.Position.Line, diagnostic.Position.Column));
    }

    [Fact]
    public void Utf16_text_is_refused_as_not_utf8() =>
        Assert.Equal("CB0106", Assert.Single(SourceDecoder.Decode("f", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a: 1")).ToArray()).Diagnostics).Id);

    [Fact]
    public void A_file_with_nul_bytes_is_a_binary_file()
    {
        var result = SourceDecoder.Decode("f", [(byte)'a', 0, 1, 2, 0xFF]);

        Assert.Null(result.Text);
        Assert.Equal("CB0111", Assert.Single(result.Diagnostics).Id);
    }
}
