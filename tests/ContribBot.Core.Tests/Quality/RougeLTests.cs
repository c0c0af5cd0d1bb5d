using ContribBot.Core.Quality;
using ContribBot.Core.Text;

namespace ContribBot.Core.Tests.Quality;

public sealed class RougeLTests
{
    [Fact]
    public void Same_words_in_the_same_order_score_one_whatever_the_case_and_punctuation() =>
        Assert.Equal(1.0, RougeL.Score("The cat sat on the mat.", "the CAT sat, on the mat"));

    [Fact]
    public void Unrelated_texts_score_zero() => Assert.Equal(0.0, RougeL.Score("glacier valley", "violin harbor"));

    [Fact]
    public void The_score_is_the_f1_of_the_longest_common_subsequence()
    {
        // LCS "the cat on the mat" = 5 words; precision 5/6, recall 5/5, F1 = 10/11.
        Assert.Equal(10.0 / 11.0, RougeL.Score("the cat sat on the mat", "the cat on the mat"), 9);
        // Order matters: LCS of "a b c d" and "d c b a" is one word; F1 = 1/4.
        Assert.Equal(0.25, RougeL.Score("a b c d", "d c b a"), 9);
    }

    [Fact]
    public void Runaway_texts_are_cut_so_comparison_stays_cheap() =>
        Assert.Equal(RougeL.MaxTokens, RougeL.Tokens(string.Join(' ', Enumerable.Repeat("word", 100_000))).Length);

    [Fact]
    public void Diversity_is_high_for_varied_texts_and_low_for_rewordings()
    {
        string[][] varied = [RougeL.Tokens("How do glaciers carve valleys?"), RougeL.Tokens("Why is the sea salty?"), RougeL.Tokens("What makes violins sound warm?")];
        string[][] alike = [RougeL.Tokens("Write a haiku about the moon."), RougeL.Tokens("Write a haiku about the moon!"), RougeL.Tokens("Write a haiku about the sun.")];

        Assert.True(Diversity.MeanPairwiseRougeL(varied) < 0.2);
        Assert.True(Diversity.MeanPairwiseRougeL(alike) > 0.8);
        Assert.Equal(1.0, Diversity.DistinctN(varied, 2));
        Assert.True(Diversity.DistinctN(alike, 2) < 0.5);
    }
}
