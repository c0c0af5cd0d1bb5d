using System.Text;

namespace ContribBot.Core.Taxonomy.Sources;

/// <summary>What sits next to a <c>qna.yaml</c> as <c>attribution.txt</c>.</summary>
public enum AttributionState
{
    Missing,
    Empty,
    Present,
}

/// <summary>Classifies an attribution file the same way wherever it is read from (disk, commit, working tree).</summary>
public static class AttributionFile
{
    public const string Name = "attribution.txt";

    /// <summary>A file longer than this cannot reasonably be only white space: it is not read.</summary>
    public const int ContentCheckLimit = 4096;

    /// <summary>The state of a file of <paramref name="length"/> bytes; <paramref name="read"/> is called only when the content decides.</summary>
    public static AttributionState Classify(long length, Func<byte[]> read) =>
        length > ContentCheckLimit ? AttributionState.Present
        : string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(read())) ? AttributionState.Empty
        : AttributionState.Present;
}
