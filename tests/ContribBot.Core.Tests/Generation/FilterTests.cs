using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Filters;

namespace ContribBot.Core.Tests.Generation;

public sealed class FilterTests
{
    [Theory]
    [InlineData("I'm sorry, but I can't help with that.")]
    [InlineData("I am unable to answer this question.")]
    [InlineData("As an AI language model, I do not have opinions.")]
    [InlineData("Sorry, but I cannot do that.")]
    [InlineData("I cannot provide that information.")]
    public void Refusals_are_recognised(string text) => Assert.True(RefusalDetector.IsRefusal(text));

    [Theory]
    [InlineData("The Moon is lit by the Sun.")]
    [InlineData("I cannot stress enough how bright the full Moon is.")]
    [InlineData("Answer: many people say \"I'm sorry\" too often.")]
    public void Answers_that_merely_mention_an_apology_are_not_refusals(string text) => Assert.False(RefusalDetector.IsRefusal(text));

    [Theory]
    [InlineData("", DropReasons.Empty)]
    [InlineData("Why?", DropReasons.TooShort)]
    [InlineData("Write a haiku.", DropReasons.TooShort)]
    [InlineData("I'm sorry, but I can't write questions about that.", DropReasons.Refusal)]
    [InlineData("Write a haiku about autumn leaves.", null)]
    public void Question_shape_is_checked_before_any_tokens_are_spent(string question, string? expected) =>
        Assert.Equal(expected, SampleShape.CheckQuestion(question, GenerationSettings.Default));

    [Fact]
    public void Overlong_questions_and_answers_are_dropped()
    {
        var settings = GenerationSettings.Default with { MaxQuestionWords = 10, MaxAnswerTokens = 20 };

        Assert.Equal(DropReasons.TooLong, SampleShape.CheckQuestion(string.Join(' ', Enumerable.Repeat("word", 11)), settings));
        Assert.Equal(DropReasons.TooLong, SampleShape.CheckAnswer(string.Join(' ', Enumerable.Repeat("word", 40)), settings));
        Assert.Null(SampleShape.CheckAnswer("A short answer.", settings));
    }

    [Fact]
    public void Duplicates_of_seeds_and_of_earlier_samples_are_told_apart()
    {
        var filter = new DuplicateFilter(["Write a haiku about the autumn moon over the quiet lake."], threshold: 0.9);

        Assert.Equal(DropReasons.CopiedSeed, filter.Admit("write a HAIKU about the autumn moon, over the quiet lake"));
        Assert.Equal(DropReasons.NearSeed, filter.Admit("Write a haiku about the autumn moon over the quiet blue lake."));
        Assert.Null(filter.Admit("Describe how a glacier carves a valley over thousands of years."));
        Assert.Equal(DropReasons.Duplicate, filter.Admit("Describe how a glacier carves a valley over thousands of years!"));
        Assert.Equal(DropReasons.NearDuplicate, filter.Admit("Describe how a glacier slowly carves a valley over thousands of years."));
        Assert.Null(filter.Admit("Explain why harbors freeze later than rivers in winter."));
    }
}
