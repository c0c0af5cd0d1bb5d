namespace ContribBot.Bot.Jobs;

/// <summary>
/// Work to queue: its kind (e.g. <c>preview</c>), its subject (the pull request it is about, <c>owner/name#12</c>) and
/// its payload (the stored event). With <see cref="Supersedes"/>, queued and running jobs of the same kind and subject
/// are cancelled: a new push to a pull request makes its older preview pointless.
/// </summary>
public sealed record JobRequest(string Kind, string Subject, byte[] Payload)
{
    public bool Supersedes { get; init; }
}
