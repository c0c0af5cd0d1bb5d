using System.Text;
using System.Text.Unicode;
using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Taxonomy;

/// <summary>
/// Turns a file's bytes into text, strictly: UTF-8 only, a BOM noted and dropped, NUL bytes taken as a binary file,
/// invalid sequences reported at their line and column rather than silently replaced.
/// </summary>
public static class SourceDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static SourceText Decode(string filePath, ReadOnlySpan<byte> bytes)
    {
        var diagnostics = new List<Diagnostic>();
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            diagnostics.Add(FileDiagnostics.InvalidEncoding.At(filePath, SourcePosition.FileStart, "it is UTF-16"));
            return new SourceText(null, diagnostics);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            diagnostics.Add(FileDiagnostics.ByteOrderMark.At(filePath, SourcePosition.FileStart));
            bytes = bytes[3..];
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            diagnostics.Add(FileDiagnostics.BinaryFile.At(filePath, PositionOf(bytes, nul)));
            return new SourceText(null, diagnostics);
        }

        if (!Utf8.IsValid(bytes))
        {
            Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
            var at = PositionOf(bytes, read);
            diagnostics.Add(FileDiagnostics.InvalidEncoding.At(
                filePath, at, $"byte 0x{bytes[read]:X2} at line {at.Line} does not start a valid character"));
            return new SourceText(null, diagnostics);
        }

        var text = StrictUtf8.GetString(bytes);
        if (FirstNonPrintable(text) is { } index)
        {
            diagnostics.Add(FileDiagnostics.ControlCharacter.At(filePath, PositionIn(text, index), $"U+{(int)text[index]:X4}"));
            return new SourceText(null, diagnostics);
        }

        return new SourceText(text, diagnostics);
    }

    /// <summary>
    /// The first character the YAML reader of the reference refuses as "special": C0 controls other than tab, line feed
    /// and carriage return, DEL, C1 controls other than NEL, and U+FFFE/U+FFFF. Null when there is none.
    /// </summary>
    private static int? FirstNonPrintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20 && c < 0x7F) continue;
            if (c is '\t' or '\n' or '\r' or '\u0085') continue;
            if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c is '\uFFFE' or '\uFFFF') return i;
        }

        return null;
    }

    private static SourcePosition PositionIn(string text, int index)
    {
        var before = text.AsSpan(0, index);
        var lineStart = before.LastIndexOf('\n') + 1;
        return new SourcePosition(before.Count('\n') + 1, index - lineStart + 1);
    }

    /// <summary>Line and column (in characters) of a byte offset, counting only the valid text before it.</summary>
    private static SourcePosition PositionOf(ReadOnlySpan<byte> bytes, int offset)
    {
        var before = bytes[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return new SourcePosition(line, column);
    }
}
