using System.Text;

namespace ContribBot.Core.Limits;

/// <summary>
/// Control characters in contributed or generated text (a tab or newline in a folder name, ESC or OSC sequences in a
/// YAML value or a teacher's error body) must never reach a terminal, a log or a line-based format: each output's
/// escaping calls <see cref="Replace"/> after handling the characters it has its own escapes for.
/// </summary>
public static class ControlCharacters
{
    public const char Shown = '\uFFFD';

    /// <summary>The text with every control character (C0, DEL, C1) as U+FFFD, bidirectional overrides too.</summary>
    public static string Replace(string text)
    {
        if (!text.Any(IsUnsafe)) return text;
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(IsUnsafe(c) ? Shown : c);
        return builder.ToString();
    }

    /// <summary>Control characters, and the bidirectional controls that make text read differently from what it is.</summary>
    public static bool IsUnsafe(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
