namespace ContribBot.Core.Generation.Teacher;

/// <summary>
/// What pipelines talk to: one chat call, answered somehow. Retries, timeouts and concurrency sit below this seam
/// (<see cref="ResilientChat"/>), so a layer above it, such as a cache of earlier replies keyed by
/// <see cref="ChatRequest.KeyFor"/>, can answer a call without taking a slot.
/// </summary>
public interface ITeacher
{
    /// <summary>The model that answers calls of this role, for provenance and reports.</summary>
    string ModelFor(ChatRole role);

    /// <summary>The reply, or <see cref="TeacherCallException"/> when this call failed for good (the run may go on).</summary>
    /// <exception cref="TeacherUnavailableException">The run should stop.</exception>
    Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken cancellationToken);
}
