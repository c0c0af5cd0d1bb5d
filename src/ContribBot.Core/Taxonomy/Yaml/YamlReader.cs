using System.Text.RegularExpressions;
using ContribBot.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>
/// Reads YAML text into a positioned node tree, within <see cref="YamlLimits"/>. The tree is built without recursion
/// (an explicit stack), aliases are shared rather than copied and their expanded size is counted as they are met, so
/// a hostile file is rejected after work proportional to its length. Never throws for bad input.
/// </summary>
public static partial class YamlReader
{
    /// <summary>How many scalars are rewritten to the reference loader's reading before the file is called broken.</summary>
    internal const int MaxRewrites = 128;

    public static YamlReadResult Read(string filePath, string text, YamlLimits limits) =>
        BlockYamlReader.TryReadRepairing(filePath, text, limits) ?? ReadWithYamlDotNet(filePath, text, limits);

    /// <summary>The general reader: any YAML, with the reference loader's forms repaired (see <see cref="ReferenceLoaderForms"/>).</summary>
    /// <param name="fastAfterRewrite">Read a rewritten text with the fast reader when it can (tests turn it off to get YamlDotNet alone).</param>
    internal static YamlReadResult ReadWithYamlDotNet(string filePath, string text, YamlLimits limits, bool fastAfterRewrite = true)
    {
        var original = text;
        var repaired = new List<Diagnostic>();
        for (var attempt = 0; ; attempt++)
        {
            // A rewritten text is often plain block style now: the fast reader reads it exactly as YamlDotNet would.
            if (attempt > 0 && fastAfterRewrite && BlockYamlReader.TryRead(filePath, text, limits, original, repaired) is { } quick) return quick;

            // Real leaves hold one token per 83 characters (median of 163 corpus files), per 19 in the densest tenth:
            // sized for the dense ones, so the list is almost never grown.
            var scanner = new TokenRecordingScanner(new Scanner(new StringReader(text), skipComments: true), Math.Min(text.Length / 19 + 16, 1 << 16));
            var builder = new YamlTreeBuilder(filePath, text, limits);
            try
            {
                var parser = new Parser(scanner);
                while (parser.MoveNext())
                {
                    if (!builder.Accept(parser.Current!)) break;
                }
            }
            catch (YamlException exception)
            {
                // A form PyYAML (the reference) reads and YamlDotNet refuses: rewrite it to the same values, read on.
                if (attempt < MaxRewrites && ReferenceLoaderForms.Rewrite(filePath, text, exception) is { } rewrite && rewrite.Text != text)
                {
                    repaired.AddRange(rewrite.Warnings);
                    text = rewrite.Text;
                    continue;
                }

                // Report against the text as written: a rewrite that did not help is not mentioned.
                return new YamlReadResult(null, [SyntaxError(filePath, original, exception)]);
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet's scanner throws this instead of a syntax error for some broken flow collections (a
                // plain scalar left of the indentation inside '[' or '{'); it is still the file's fault, not ours.
                return new YamlReadResult(null, [FileDiagnostics.SyntaxError.At(filePath, TokenRecordingScanner.ToPosition(scanner.CurrentPosition),
                    "the YAML cannot be parsed here; is a '[' or '{' left open, or a line inside it less indented than its key?")]);
            }

            // Line rules read the text as written; only columns on rewritten lines differ in the tokens.
            return Finish(builder, original, scanner.Tokens, repaired);
        }
    }

    /// <summary>The result of a finished read, whichever reader produced the builder's events.</summary>
    internal static YamlReadResult Finish(
        YamlTreeBuilder builder, string original, IReadOnlyList<YamlToken> tokens, IReadOnlyList<Diagnostic> repaired)
    {
        if (builder.Failure is { } failure) return new YamlReadResult(null, [.. repaired, failure]);
        var document = new YamlDocument(original, builder.Root, tokens, builder.DuplicateKeys);
        var warnings = repaired.Concat(builder.Warnings)
            .DistinctBy(d => (d.Id, d.Position.Line, d.Position.Column))
            .OrderBy(d => d.Position.Line).ThenBy(d => d.Position.Column)
            .ToList();
        return new YamlReadResult(document, warnings);
    }

    private static Diagnostic SyntaxError(string filePath, string text, YamlException exception)
    {
        var position = TokenRecordingScanner.ToPosition(exception.Start);
        var mentionsTab = exception.Message.Contains("tab", StringComparison.OrdinalIgnoreCase);
        var searchTo = mentionsTab ? int.MaxValue : TokenRecordingScanner.ToPosition(exception.End).Line;
        if (FindTabIndentation(text, mentionsTab ? 1 : position.Line, searchTo) is { } tab)
        {
            return FileDiagnostics.TabIndentation.At(filePath, tab);
        }

        return FileDiagnostics.SyntaxError.At(filePath, position, CleanMessage(exception.Message));
    }

    /// <summary>
    /// YamlDotNet reports a tab in indentation vaguely and often at the enclosing node; find the tab itself, on the
    /// lines from <paramref name="fromLine"/> to <paramref name="toLine"/>.
    /// </summary>
    private static SourcePosition? FindTabIndentation(string text, int fromLine, int toLine)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length && line <= toLine; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
                continue;
            }

            if (line < fromLine) continue;
            var inIndentation = text.AsSpan(lineStart, i - lineStart).Trim(' ').IsEmpty;
            if (text[i] == '\t' && inIndentation) return new SourcePosition(line, i - lineStart + 1);
        }

        return null;
    }

    private static string CleanMessage(string message)
    {
        var cleaned = MarkPrefix().Replace(message, string.Empty).Trim();
        return cleaned.Length == 0 ? "the YAML cannot be parsed here" : char.ToLowerInvariant(cleaned[0]) + cleaned[1..].TrimEnd('.');
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();
}
