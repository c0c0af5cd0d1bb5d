using ContribBot.Core.Documents;

namespace ContribBot.Core.Tests.Documents;

public sealed class ContextGroundingTests
{
    private const string Document = """
        # Phases of the Moon

        The Moon does not make its own light. Half of it is always lit by the **Sun**, and what we call a phase is how
        much of that lit half we can see from Earth as the Moon travels around us.
        """;

    private readonly ContextGrounding _grounding = new([Document]);

    [Fact]
    public void A_context_pasted_from_the_document_is_found_whatever_its_wrapping_and_markup() =>
        Assert.Equal(1.0, _grounding.Score("The Moon does not make its own light.\nHalf of it is always lit by the Sun, and what we call a phase"));

    [Fact]
    public void A_lightly_edited_context_is_mostly_found() =>
        Assert.InRange(_grounding.Score("The Moon does not make its own light. Half of it is always lit by our Sun, and what we call a phase is how much we see."), 0.5, 0.99);

    [Fact]
    public void A_context_from_elsewhere_is_not_found() =>
        Assert.Equal(0.0, _grounding.Score("Spring tides happen near new and full moon, when the Sun and the Moon pull along the same line."));

    [Theory]
    [InlineData("Phases of the", 1.0)]
    [InlineData("Phases of Mars", 0.0)]
    public void Contexts_shorter_than_a_phrase_must_appear_whole(string context, double score) =>
        Assert.Equal(score, _grounding.Score(context));
}
