using System.Text;
using System.Text.Json;
using ContribBot.Core.Reports.Dataset;
using ContribBot.Core.Runs.Build;

namespace ContribBot.Core.Tests.Runs;

public sealed class RowDeduplicatorTests
{
    private const string Chunk =
        "After the new moon comes the waxing crescent, a thin sliver lit on the right. The first quarter shows half of the disc lit by the Sun. " +
        "The waxing gibbous follows, more than half lit, until the full moon rises at sunset and is lit across its whole face. 🌕";

    [Fact]
    public void Rows_sharing_their_passage_are_compared_on_what_follows_it()
    {
        var rows = new[]
        {
            Row(Chunk, "Which phase comes right after the new moon?", "The waxing crescent, a thin sliver lit on the right."),
            Row(Chunk, "When does the full moon rise, and how much of it is lit?", "At sunset, lit across its whole face."),
            Row("A different passage altogether about tides and the pull of the Moon on the sea.", "Which phase comes right after the new moon?",
                "The waxing crescent, a thin sliver lit on the right."),
        };

        var keep = new RowDeduplicator(0.8).Keep(rows);

        // The first two share a long passage, not their questions and answers; the third repeats the first after another passage.
        Assert.Equal([true, true, false], keep);
    }

    [Fact]
    public void A_context_length_past_the_end_of_the_message_skips_nothing()
    {
        var damaged = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            messages = new[] { new { role = "user", content = "short" }, new { role = "assistant", content = "answer" } },
            metadata = "{\"context_length\": 999}",
        }));

        Assert.Equal([true, false], new RowDeduplicator(0.8).Keep([damaged, damaged]));
    }

    /// <summary>A row as the build writes it: the passage, a blank line and the question; the metadata says how long the passage is.</summary>
    private static ReadOnlyMemory<byte> Row(string context, string question, string answer)
    {
        var samples = new[]
        {
            new Core.Generation.Sample(question, answer, true, null)
            {
                Context = context, Provenance = new Core.Generation.SampleProvenance("knowledge/moon", "b", null, 0, 0, "t", "c", []),
            },
        };
        var origin = new TrainingRows.Origin("knowledge/moon", Core.Taxonomy.LeafKind.Knowledge, null, "b", "t", "c");
        return Encoding.UTF8.GetBytes(TrainingRows.Synthetic(origin, samples, "system").Single());
    }
}
