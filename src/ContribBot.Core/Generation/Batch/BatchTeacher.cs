using System.Collections.Concurrent;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Generation.Batch;

/// <summary>
/// The teacher of a batch round: a call whose batch result has come back is answered with it; any other call is put
/// in <see cref="Waiting"/> for the next batch and fails for now, so the pipeline goes on with every other call it can
/// make and the leaf is finished in a later round. A call whose batch results failed too often fails for good.
/// </summary>
public sealed class BatchTeacher(Func<ChatRole, string> modelFor, ReplyJournal results, IReadOnlySet<string> givenUp) : ITeacher
{
    private readonly ConcurrentDictionary<string, BatchRequest> _waiting = new(StringComparer.Ordinal);

    public IReadOnlyCollection<BatchRequest> Waiting => (IReadOnlyCollection<BatchRequest>)_waiting.Values;

    public string ModelFor(ChatRole role) => modelFor(role);

    public Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var model = ModelFor(request.Role);
        var key = request.KeyFor(model);
        if (results.TryGet(key, out var reply))
        {
            request.OnReply?.Invoke(reply);
            return Task.FromResult(reply);
        }

        if (givenUp.Contains(key)) throw new TeacherCallException("the batch results for this call failed every time they were asked for");
        _waiting.TryAdd(key, new BatchRequest(key, model, request with { OnReply = null }));
        throw new TeacherCallException(WaitingMessage);
    }

    public const string WaitingMessage = "waiting for a batch result";
}
