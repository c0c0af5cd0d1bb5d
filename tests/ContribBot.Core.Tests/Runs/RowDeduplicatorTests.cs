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

    [Fact]
    public async Task Rows_the_previous_version_kept_stay_and_new_rows_repeating_them_go_whatever_the_path_order()
    {
        using var folder = new Testing.TempDirectory();
        var index = folder.Combine("near-duplicates.index");
        var old = Row(Chunk, "Which phase comes right after the new moon, and how is it lit?", "The waxing crescent, a thin sliver lit on the right.", "knowledge/z_old");
        var gone = Row(Chunk, "When does the full moon rise, and how much of its face is lit?", "At sunset, lit across its whole face.", "knowledge/z_gone");
        var first = new RowDeduplicator(0.8);
        Assert.Equal([true, true], first.Keep([old, gone]));
        await NearDuplicateHistory.WriteAsync(index, Core.Text.NearDuplicates.Shingles.Words, first.KeptRows(), CancellationToken.None);

        // Version 2: a new leaf that sorts first repeats the old row; the leaf of the second row is gone, and a new row repeats it.
        var repeat = Row(Chunk, "Which phase comes right after the new moon, and how is it lit?", "The waxing crescent, a thin sliver lit on the right.", "knowledge/a_new");
        var replacement = Row(Chunk, "When does the full moon rise, and how much of its face is lit?", "At sunset, lit across its whole face.", "knowledge/b_changed");
        var (history, ignored) = await NearDuplicateHistory.ReadAsync(index, CancellationToken.None);
        var withHistory = new RowDeduplicator(0.8);
        withHistory.StartFrom(history, ignored, RowDeduplicator.Ids([repeat, replacement, old]).ToHashSet());
        var without = new RowDeduplicator(0.8);

        Assert.Equal([false, true, true], withHistory.Keep([repeat, replacement, old]));
        Assert.Equal([true, true, false], without.Keep([repeat, replacement, old])); // path order alone would flip them
        var summary = withHistory.Summary;
        Assert.Equal((2, 1, 1), (summary.PreviousRows!.Value, summary.PreviousRowsStillIn!.Value, summary.DroppedAgainstPrevious));
        Assert.Equal(2, withHistory.KeptRows().Count);
    }

    [Fact]
    public async Task A_damaged_or_foreign_index_is_ignored_with_the_reason_not_trusted()
    {
        using var folder = new Testing.TempDirectory();
        var path = folder.Combine("near-duplicates.index");
        var deduplicator = new RowDeduplicator(0.8);
        deduplicator.Keep([Row(Chunk, "Which phase comes right after the new moon?", "The waxing crescent.", "knowledge/a")]);
        await NearDuplicateHistory.WriteAsync(path, 5, deduplicator.KeptRows(), CancellationToken.None);
        var whole = await File.ReadAllBytesAsync(path);

        await File.WriteAllBytesAsync(path, whole[..^3]);
        var cut = await NearDuplicateHistory.ReadAsync(path, CancellationToken.None);
        await File.WriteAllTextAsync(path, "not an index at all");
        var foreign = await NearDuplicateHistory.ReadAsync(path, CancellationToken.None);

        Assert.Equal((null, "it ends early"), (cut.History, cut.Ignored));
        Assert.Equal((null, "not a near-duplicate index"), (foreign.History, foreign.Ignored));
        Assert.Equal((null, null), await NearDuplicateHistory.ReadAsync(folder.Combine("absent.index"), CancellationToken.None));
    }

    /// <summary>A row as the build writes it: the passage, a blank line and the question; the metadata says how long the passage is.</summary>
    private static ReadOnlyMemory<byte> Row(string context, string question, string answer, string leaf = "knowledge/moon")
    {
        var samples = new[]
        {
            new Core.Generation.Sample(question, answer, true, null)
            {
                Context = context, Provenance = new Core.Generation.SampleProvenance(leaf, "b", null, 0, 0, "t", "c", []),
            },
        };
        var origin = new TrainingRows.Origin(leaf, Core.Taxonomy.LeafKind.Knowledge, null, "b", "t", "c");
        return Encoding.UTF8.GetBytes(TrainingRows.Synthetic(origin, samples, "system").Single());
    }
}
