namespace ContribBot.Core.Validation.Lint;

/// <summary>One line of a file without its line break; <see cref="HasCarriageReturn"/> tells a CRLF ending.</summary>
public readonly record struct SourceLine(int Number, string Text, bool HasCarriageReturn);
