using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Filters;

namespace ContribBot.Core.Tests.Generation;

public sealed class DecontaminatorTests
{
    private const string TestItem = "A train leaves Chicago at nine in the morning travelling east at sixty miles per hour; when does it reach Cleveland, three hundred and forty miles away?";

    private static Sample Kept(string question, string answer) =>
        new(question, answer, true, null) { Provenance = new SampleProvenance("skills/x", "b", null, 0, null, "t", "c", []) };

    [Fact]
    public void A_sample_holding_most_of_a_test_item_in_order_is_contaminated_and_one_sharing_a_phrase_is_not()
    {
        var decontaminator = new Decontaminator([TestItem, "What is the capital of Peru?"]);
        Sample[] samples =
        [
            // The item reworded a little and wrapped in an instruction: shared 10-grams, and most of its words in order.
            Kept("Solve this: a train leaves Chicago at nine in the morning travelling east at sixty miles per hour. When does it reach Cleveland, 340 miles away?", "At about 2:40 pm."),
            // One phrase in common (ten words), far less than half of the item.
            Kept("Write a story in which a train leaves Chicago at nine in the morning travelling east.", "Once upon a time…"),
            Kept("Which city is the capital of Peru?", "Lima."),
            Kept("How do tides work?", "The Moon's pull raises the sea."),
        ];

        var result = decontaminator.Apply(samples);

        Assert.Equal([false, true, false, true], result.Select(s => s.Kept));
        Assert.Equal(DropReasons.Contaminated, result[0].DropReason);
        Assert.Equal(DropReasons.Contaminated, result[2].DropReason); // a short item, compared whole
        Assert.Equal(2, decontaminator.Items);
    }

    [Fact]
    public void A_short_test_question_counts_only_when_most_of_its_words_come_together_not_scattered_over_a_text_on_its_topic()
    {
        var decontaminator = new Decontaminator(["When does a full moon rise?", "What is a phase of the Moon?"]);
        Sample[] samples =
        [
            Kept("Explain the full moon.", "When the Sun sets, a full moon rises in the east; it does so because Earth lies between the Sun and the Moon."),
            Kept("What do the phases show?", "What we see is a lit part that changes; a phase, as astronomers say, is the share of the Moon we see lit."),
            Kept("Tell me: when does a full moon rise, and why?", "At sunset."),
        ];

        var result = decontaminator.Apply(samples);

        Assert.Equal([true, true, false], result.Select(s => s.Kept));
    }

    /// <summary>Knowledge rows carry a chunk of the leaf's own document: only what the models wrote is checked.</summary>
    [Fact]
    public void A_knowledge_samples_document_chunk_is_not_checked_but_its_question_and_answer_are()
    {
        var decontaminator = new Decontaminator([TestItem]);
        var provenance = new SampleProvenance("knowledge/x", "b", null, 0, 0, "t", "c", []);
        Sample[] samples =
        [
            new("What time does the train leave?", "At nine.", true, null) { Context = TestItem, Provenance = provenance },
            new(TestItem, "At 2:40 pm.", true, null) { Context = "A timetable.", Provenance = provenance },
        ];

        Assert.Equal([true, false], decontaminator.Apply(samples).Select(s => s.Kept));
    }
}
