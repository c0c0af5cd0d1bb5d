using ContribBot.Core.Text;

namespace ContribBot.Core.Tests.Text;

public sealed class TokenEstimatorTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("Hello world", 2)]
    [InlineData("Hello, world!", 4)]
    [InlineData("It's fine", 2)]
    [InlineData("1234567", 3)]
    [InlineData("a\n\nb", 3)]
    [InlineData("| --- | --- |", 5)]
    [InlineData("naïve café", 2)]
    public void Pieces_are_cut_where_the_o200k_pre_tokenizer_cuts(string text, int pieces) =>
        Assert.Equal(pieces, TokenEstimator.CountPieces(text));

    [Fact]
    public void The_estimate_scales_pieces_by_the_measured_median()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 100));

        Assert.Equal(107, TokenEstimator.Estimate(text));
    }
}
