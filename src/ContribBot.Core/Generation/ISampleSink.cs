using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Generation;

/// <summary>
/// Where a leaf's samples and calls go as they are made, from several threads at once: the preview's recorder keeps
/// them for its report and progress line; a build's journal writes them down so a stopped build can resume.
/// </summary>
public interface ISampleSink
{
    void Add(Sample sample);

    /// <summary>A call that got a reply, with the tokens it used.</summary>
    void AddCall(ChatReply reply);

    /// <summary>A call that failed for good, after its retries.</summary>
    void AddFailedCall();
}
