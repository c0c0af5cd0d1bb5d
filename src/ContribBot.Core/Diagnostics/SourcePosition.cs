namespace ContribBot.Core.Diagnostics;

/// <summary>A 1-based line and column in a text file, the way editors and compilers count them.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public static SourcePosition FileStart { get; } = new(1, 1);

    public override string ToString() => $"{Line}:{Column}";
}
