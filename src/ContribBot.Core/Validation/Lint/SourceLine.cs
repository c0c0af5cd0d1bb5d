namespace ContribBot.Core.Validation.Lint;

/// <summary>
/// One line of a file without its line break, as a range of the file's text (no copy);
/// <see cref="HasCarriageReturn"/> tells a CRLF ending.
/// </summary>
public readonly record struct SourceLine(int Number, int Start, int Length, bool HasCarriageReturn)
{
    public ReadOnlySpan<char> In(string text) => text.AsSpan(Start, Length);
}
