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
}
