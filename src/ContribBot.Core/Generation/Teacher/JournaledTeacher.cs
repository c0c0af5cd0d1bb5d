namespace ContribBot.Core.Generation.Teacher;

/// <summary>
/// Answers a call from the <see cref="ReplyJournal"/> when an earlier run stored its reply (no slot taken, nothing
/// paid), and otherwise asks the teacher below and stores the reply before handing it on.
/// </summary>
public sealed class JournaledTeacher(ITeacher teacher, ReplyJournal journal) : ITeacher
{
    private int _replayed;

    /// <summary>Calls answered from the journal in this run.</summary>
    public int Replayed => Volatile.Read(ref _replayed);

    public string ModelFor(ChatRole role) => teacher.ModelFor(role);

    public async Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var key = request.KeyFor(ModelFor(request.Role));
        if (journal.TryGet(key, out var stored))
        {
            Interlocked.Increment(ref _replayed);
            return stored;
        }

        var reply = await teacher.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        journal.Add(key, reply);
        return reply;
    }
}
