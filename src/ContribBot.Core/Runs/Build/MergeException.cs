namespace ContribBot.Core.Runs.Build;

/// <summary>Shards that cannot be joined into one dataset (missing, doubled, from another commit or recipe, damaged).</summary>
public sealed class MergeException : Exception
{
    public MergeException()
    {
    }

    public MergeException(string message) : base(message)
    {
    }

    public MergeException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
