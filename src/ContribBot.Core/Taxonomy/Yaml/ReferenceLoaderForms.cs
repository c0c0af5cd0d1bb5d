using System.Text;
using ContribBot.Core.Diagnostics;
using YamlDotNet.Core;

namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>
/// Forms that the reference loader (PyYAML) reads and YamlDotNet refuses, rewritten into text YamlDotNet reads to the
/// same values. Each rewrite only adds or removes spaces where YAML's folding drops them anyway, so every value, line
/// number and the column of every scalar's start stay as written. A rewrite of a form that YAML itself forbids is
/// reported as a warning; a valid form that YamlDotNet merely fails on is rewritten silently.
/// </summary>
internal static class ReferenceLoaderForms
{
    /// <summary>The text rewritten for the form YamlDotNet stopped at, with the warnings it earns; null when it is none of ours.</summary>
    public static (string Text, IReadOnlyList<Diagnostic> Warnings)? Rewrite(string filePath, string text, YamlException exception)
    {
        var message = exception.Message;
        if (message.Contains("quoted scalar", StringComparison.OrdinalIgnoreCase) && message.Contains("found wrong indentation", StringComparison.OrdinalIgnoreCase))
        {
            return IndentQuotedContinuation(filePath, text, exception.Start);
        }

        if (message.Contains("block scalar", StringComparison.OrdinalIgnoreCase) && message.Contains("extra spaces in first line", StringComparison.OrdinalIgnoreCase))
        {
            return EmptyLeadingBlankLines(text, TokenRecordingScanner.ToPosition(exception.End).Line);
        }

        return null;
    }

    /// <summary>
    /// Continuation lines of the quoted scalar that starts at <paramref name="start"/> which sit at or left of their
    /// key's column: PyYAML folds them like any other (dropping their leading spaces), YAML requires them indented past
    /// the key. Every line of the scalar left of its opening quote is indented to the quote's column, which changes no
    /// value; those that were not past the key get CB0116.
    /// </summary>
    public static (string Text, IReadOnlyList<Diagnostic> Warnings)? IndentQuotedContinuation(string filePath, string text, Mark start)
    {
        var open = (int)start.Index;
        if (open < 0 || open >= text.Length || text[open] is not ('"' or '\'')) return null;
        if (ClosingQuote(text, open) is not { } close) return null;

        var openLineStart = LineStart(text, open);
        var target = open - openLineStart;
        var keyIndent = KeyIndent(text.AsSpan(openLineStart, open - openLineStart));
        var line = (int)start.Line;
        var warnings = new List<Diagnostic>();
        var result = new StringBuilder(text.Length + 64);
        result.Append(text, 0, open);
        var position = open;
        while (true)
        {
            var newline = text.IndexOf('\n', position);
            if (newline < 0 || newline >= close)
            {
                result.Append(text, position, text.Length - position);
                break;
            }

            result.Append(text, position, newline + 1 - position);
            position = newline + 1;
            line++;
            var (spaces, blank) = Indentation(text, position);
            if (!blank && spaces <= keyIndent) warnings.Add(FileDiagnostics.UnderIndentedContinuation.At(filePath, new SourcePosition(line, 1)));
            if (spaces < target) result.Append(' ', target - spaces);
        }

        return (result.ToString(), warnings);
    }

    /// <summary>
    /// Continuation lines of a quoted scalar, already read, that sit at or left of their key: YamlDotNet accepts some
    /// of these (single quotes) where YAML does not, so they are found here to be warned about like the others.
    /// </summary>
    public static IEnumerable<int> UnderIndentedLines(string text, Mark start, Mark end)
    {
        var open = (int)start.Index;
        if (end.Line <= start.Line || open < 0 || open >= text.Length) yield break;
        var openLineStart = LineStart(text, open);
        var keyIndent = KeyIndent(text.AsSpan(openLineStart, open - openLineStart));
        var position = open;
        for (var line = (int)start.Line + 1; line <= end.Line; line++)
        {
            var newline = text.IndexOf('\n', position);
            if (newline < 0) yield break;
            position = newline + 1;
            var (spaces, blank) = Indentation(text, position);
            if (!blank && spaces <= keyIndent) yield return line;
        }
    }

    /// <summary>
    /// A literal or folded block scalar whose first lines hold only spaces, fewer than its content: valid YAML that
    /// PyYAML reads as leading line breaks and YamlDotNet refuses. Those lines lose their spaces (they stay line breaks).
    /// </summary>
    public static (string Text, IReadOnlyList<Diagnostic> Warnings)? EmptyLeadingBlankLines(string text, int contentLine)
    {
        var starts = LineStarts(text);
        if (contentLine < 2 || contentLine > starts.Count) return null;
        var header = contentLine - 1;
        while (header >= 1 && IsBlank(text, starts, header)) header--;
        if (header < 1 || header == contentLine - 1 || !EndsWithBlockIndicator(LineText(text, starts, header))) return null;

        var result = new StringBuilder(text.Length);
        result.Append(text, 0, starts[header]);
        for (var line = header + 1; line < contentLine; line++)
        {
            var from = starts[line - 1] + Indentation(text, starts[line - 1]).Spaces;
            result.Append(text, from, (line < starts.Count ? starts[line] : text.Length) - from);
        }

        result.Append(text, starts[contentLine - 1], text.Length - starts[contentLine - 1]);
        return (result.ToString(), []);
    }

    /// <summary>The index where the line holding <paramref name="index"/> starts.</summary>
    private static int LineStart(string text, int index) => index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;

    /// <summary>The spaces a line starts with, and whether it holds nothing else.</summary>
    private static (int Spaces, bool Blank) Indentation(string text, int lineStart)
    {
        var spaces = 0;
        while (lineStart + spaces < text.Length && text[lineStart + spaces] == ' ') spaces++;
        return (spaces, lineStart + spaces >= text.Length || text[lineStart + spaces] is '\n' or '\r');
    }

    /// <summary>The index of the quote that closes the one at <paramref name="open"/>, or null when there is none.</summary>
    private static int? ClosingQuote(string text, int open)
    {
        var quote = text[open];
        for (var i = open + 1; i < text.Length; i++)
        {
            if (quote == '"' && text[i] == '\\')
            {
                i++;
                continue;
            }

            if (text[i] != quote) continue;
            if (quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
            {
                i++;
                continue;
            }

            return i;
        }

        return null;
    }

    /// <summary>
    /// The indentation of the key a scalar belongs to, from the text before its opening quote on that line: the column
    /// of the first character that is not a space or a sequence dash, less one.
    /// </summary>
    private static int KeyIndent(ReadOnlySpan<char> before)
    {
        var i = 0;
        while (i < before.Length)
        {
            if (before[i] == ' ') i++;
            else if (before[i] == '-' && (i + 1 == before.Length || before[i + 1] == ' ')) i++;
            else break;
        }

        return i;
    }

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' && i + 1 < text.Length) starts.Add(i + 1);
        }

        return starts;
    }

    private static string LineText(string text, List<int> starts, int line)
    {
        var from = starts[line - 1];
        var to = line < starts.Count ? starts[line] : text.Length;
        return text[from..to].TrimEnd('\n', '\r');
    }

    private static bool IsBlank(string text, List<int> starts, int line) => LineText(text, starts, line).Trim(' ').Length == 0;

    /// <summary>A line ending in a block scalar header: '|' or '>', optional chomping and indentation indicators, an optional comment.</summary>
    private static bool EndsWithBlockIndicator(string line)
    {
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        var body = (hash >= 0 ? line[..hash] : line).TrimEnd();
        var indicator = body.Length;
        while (indicator > 0 && (body[indicator - 1] is '-' or '+' || char.IsAsciiDigit(body[indicator - 1]))) indicator--;
        return indicator > 0 && body[indicator - 1] is '|' or '>' && (indicator == 1 || body[indicator - 2] == ' ');
    }
}
