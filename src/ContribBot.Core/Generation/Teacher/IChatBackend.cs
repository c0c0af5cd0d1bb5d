namespace ContribBot.Core.Generation.Teacher;

/// <summary>
/// One attempt at one chat call, nothing more: no retries, no timeout, no concurrency limit (those are
/// <see cref="ResilientChat"/>'s job). Fails with <see cref="TeacherCallException"/> when the server says no.
/// </summary>
public interface IChatBackend
{
    /// <summary>The model that answers calls of this role, for provenance and reports.</summary>
    string ModelFor(ChatRole role);

    Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken cancellationToken);
}
