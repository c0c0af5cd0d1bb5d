using ContribBot.Core.Text;

namespace ContribBot.Core.Tests.Text;

public sealed class TokenEstimatorTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("Hello world", 2)]            // two short words, each one token in o200k
    [InlineData("Hello, world!", 4)]          // words and two one-character punctuation runs (~1 each)
    [InlineData("Extraordinary circumstances", 2)]
    [InlineData("1234567", 5)]                // three digit groups at 1.55
    [InlineData("| --- | --- |", 6)]          // five punctuation runs, longer ones costing more
    [InlineData("naïve café", 2)]
    public void Pieces_are_weighed_as_the_o200k_fit_says(string text, int tokens) =>
        Assert.Equal(tokens, TokenEstimator.Estimate(text));

    [Fact]
    public void Plain_prose_is_about_one_token_a_word()
    {
        var text = string.Join(' ', Enumerable.Repeat("the moon is bright", 25));

        Assert.Equal(100, TokenEstimator.Estimate(text));
    }
}
