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

        return new SourceText(StrictUtf8.GetString(bytes), diagnostics);
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
