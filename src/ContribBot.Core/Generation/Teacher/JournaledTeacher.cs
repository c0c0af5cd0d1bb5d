namespace ContribBot.Core.Generation.Teacher;

/// <summary>
/// Answers a call from the <see cref="ReplyJournal"/> when an earlier run stored its reply (no slot taken, nothing
/// paid), and otherwise asks the teacher below, which stores the reply through <see cref="ChatRequest.OnReply"/>
/// while the call still holds its slot.
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
        if (journal.TryGet(key, out var journaled))
        {
            Interlocked.Increment(ref _replayed);
            return journaled;
        }

        var stored = false;
        var reply = await teacher.CompleteAsync(request with
        {
            OnReply = answer =>
            {
                request.OnReply?.Invoke(answer);
                journal.Add(key, answer);
                stored = true;
            },
        }, cancellationToken).ConfigureAwait(false);
        if (!stored) journal.Add(key, reply); // a teacher below that does not call OnReply
        return reply;
    }
}
