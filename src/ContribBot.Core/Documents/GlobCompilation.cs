namespace ContribBot.Core.Documents;

/// <summary>A compiled pattern, or the reason it is not one.</summary>
public sealed record GlobCompilation(DocumentGlob? Glob, string? Error)
{
    public static GlobCompilation Refused(string error) => new(null, error);
}
