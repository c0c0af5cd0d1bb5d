using ContribBot.Core.Generation.Teacher;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Generation;

/// <summary>The build's journal of finished replies: what is stored survives the process, a torn last line does not hurt.</summary>
public sealed class ReplyJournalTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Stored_replies_are_there_when_the_journal_is_opened_again()
    {
        var path = _temp.Combine("replies/leaf.jsonl");
        using (var journal = ReplyJournal.Open(path))
        {
            for (var i = 0; i < 40; i++) journal.Add($"key-{i}", new ChatReply($"reply {i} with \"quotes\" and a\nnewline", i, 2 * i));
        }

        using var reopened = ReplyJournal.Open(path);

        Assert.Equal(40, reopened.Count);
        Assert.True(reopened.TryGet("key-7", out var reply));
        Assert.Equal(new ChatReply("reply 7 with \"quotes\" and a\nnewline", 7, 14), reply);
        Assert.Equal(0, reopened.Unreadable);
    }

    [Fact]
    public void A_torn_last_line_is_dropped_and_the_next_reply_starts_a_line_of_its_own()
    {
        var path = _temp.Combine("leaf.jsonl");
        using (var journal = ReplyJournal.Open(path)) journal.Add("whole", new ChatReply("kept", 1, 1));
        File.AppendAllText(path, "{\"Key\":\"torn\",\"Text\":\"cut off in the mid");

        using (var journal = ReplyJournal.Open(path))
        {
            Assert.Equal(1, journal.Count);
            Assert.Equal(1, journal.Unreadable);
            journal.Add("after", new ChatReply("also kept", 1, 1));
        }

        using var reopened = ReplyJournal.Open(path);
        Assert.True(reopened.TryGet("whole", out _));
        Assert.True(reopened.TryGet("after", out _));
        Assert.False(reopened.TryGet("torn", out _));
        Assert.Equal(0, reopened.Unreadable);
    }
}
