namespace ContribBot.Corpus.Tests;

/// <summary>
/// A theory of the corpus suite. A plain <c>dotnet test</c> with no corpus asked for skips it (the suite is optional);
/// once <c>CONTRIBBOT_CORPUS</c> names a folder, a missing or empty folder fails the tests, never skips them.
/// </summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (CorpusFolder.Requested is null)
        {
            Skip = $"The corpus suite runs only when asked for: ./test.sh --corpus DIR (or {CorpusFolder.Variable}=DIR).";
        }
    }
}

/// <summary>The same for a single fact.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (CorpusFolder.Requested is null)
        {
            Skip = $"The corpus suite runs only when asked for: ./test.sh --corpus DIR (or {CorpusFolder.Variable}=DIR).";
        }
    }
}
