using System.Buffers;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>
/// A fast reader for the block-style YAML that nearly every <c>qna.yaml</c> is written in: block mappings and lists,
/// plain, quoted, literal and folded scalars, comments. It yields exactly the tokens and parser events that YamlDotNet's
/// scanner and parser yield for such text and feeds them to the same <see cref="YamlTreeBuilder"/>, so limits, merge
/// keys, duplicates and warnings stay in one place. At the first thing outside that subset (anchors, tags, flow
/// collections, tabs, escapes by code point, a second document...) or anything YamlDotNet would refuse, it declines
/// and the general reader reads the file. Why it exists: validating a tree reads every leaf, and YamlDotNet's general
/// scanner, which reads through a look-ahead buffer one character at a time, was half of that time.
/// </summary>
internal static class BlockYamlReader
{
    private static readonly SearchValues<char> SingleQuotedStops = SearchValues.Create("'\n");
    private static readonly SearchValues<char> DoubleQuotedStops = SearchValues.Create("\"\\\n");
    private static readonly SearchValues<char> PlainStops = SearchValues.Create(" \n:");

    // Printable ASCII and the line feed: text made only of these needs no further look.
    private static readonly SearchValues<char> PlainAscii = SearchValues.Create(
        "\n !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>Deepest indentation this reader follows; deeper files are left to the general reader.</summary>
    private const int MaxIndents = 40;

    /// <summary>A simple key (one written without <c>?</c>) must fit in this many characters, as in YamlDotNet.</summary>
    private const int MaxSimpleKeyLength = 1024;

    /// <summary>The tree and diagnostics, or null when the general reader must read this text.</summary>
    public static YamlReadResult? TryRead(string filePath, string text, YamlLimits limits) => TryRead(filePath, text, limits, text, []);

    /// <summary>
    /// The same for a text the general reader rewrote to the reference loader's reading (<paramref name="original"/> is
    /// the text as written, which line rules read, and <paramref name="repaired"/> the warnings of the rewrites).
    /// </summary>
    internal static YamlReadResult? TryRead(string filePath, string text, YamlLimits limits, string original, IReadOnlyList<Diagnostics.Diagnostic> repaired) =>
        Read(filePath, text, limits, original, repaired).Result;

    /// <summary>
    /// Reads fast, first rewriting double-quoted scalars whose continuation lines sit at or left of their key, exactly
    /// as the general reader rewrites them when YamlDotNet refuses them (<see cref="ReferenceLoaderForms"/>): the same
    /// scalars, by the same rewrite, with the same warnings. Null when the general reader must read the text as written.
    /// </summary>
    public static YamlReadResult? TryReadRepairing(string filePath, string text, YamlLimits limits)
    {
        var current = text;
        var repaired = new List<Diagnostics.Diagnostic>();
        for (var attempt = 0; attempt <= YamlReader.MaxRewrites; attempt++)
        {
            var (result, fragile) = Read(filePath, current, limits, text, repaired);
            if (result is not null) return result;
            if (fragile is not { } at) return null;
            if (ReferenceLoaderForms.IndentQuotedContinuation(filePath, current, at.ToMark()) is not { } rewrite || rewrite.Text == current) return null;
            repaired.AddRange(rewrite.Warnings);
            current = rewrite.Text;
        }

        return null;
    }

    /// <summary>The result, or null and where the scan stopped at an under-indented double-quoted scalar, if that is why.</summary>
    private static (YamlReadResult? Result, Place? FragileQuote) Read(
        string filePath, string text, YamlLimits limits, string original, IReadOnlyList<Diagnostics.Diagnostic> repaired)
    {
        if (!HasOnlyPlainCharacters(text)) return (null, null);
        var scanner = new BlockScanner(text);
        if (!scanner.Run()) return (null, scanner.FragileQuote);
        var builder = new YamlTreeBuilder(filePath, text, limits);
        if (!new BlockParser(scanner.Tokens, builder).Run()) return (null, null);
        return (YamlReader.Finish(builder, original, ToLintTokens(scanner.Tokens), repaired), null);
    }

    /// <summary>
    /// False for text holding characters whose handling differs between YAML readers or that this reader leaves to
    /// YamlDotNet: control characters and tabs, carriage returns and other line breaks than LF, byte-order marks,
    /// unpaired surrogates, and document markers after the first line.
    /// </summary>
    private static bool HasOnlyPlainCharacters(string text)
    {
        // Most text is printable ASCII: skip it in vectorised steps and look closely only at the rest.
        var span = text.AsSpan();
        for (var i = span.IndexOfAnyExcept(PlainAscii); i >= 0; i = Next(span, i + 1))
        {
            var c = span[i];
            if (c < ' ' || c is >= '\u007F' and <= '\u009F' or '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF') return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= span.Length || !char.IsLowSurrogate(span[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return !HasMarkerAfterFirstLine(text, "\n---") && !HasMarkerAfterFirstLine(text, "\n...");

        static int Next(ReadOnlySpan<char> span, int from) =>
            from >= span.Length ? -1 : span[from..].IndexOfAnyExcept(PlainAscii) is var k and >= 0 ? from + k : -1;
    }

    private static bool HasMarkerAfterFirstLine(string text, string marker)
    {
        for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            if (IsMarker(text, at + 1)) return true;
        }

        return false;
    }

    /// <summary><c>---</c> or <c>...</c> followed by a space, a line break or the end.</summary>
    private static bool IsMarker(string text, int i) =>
        i + 2 < text.Length && text[i + 1] == text[i] && text[i + 2] == text[i] && (i + 3 == text.Length || text[i + 3] is ' ' or '\n');

    private static List<YamlToken> ToLintTokens(List<BlockToken> tokens)
    {
        var result = new List<YamlToken>(tokens.Count);
        foreach (var token in tokens)
        {
            // YamlDotNet's parser stops at the stream's end without consuming its token, so none is recorded.
            if (token.Kind == BlockTokenKind.StreamEnd) continue;
            var start = new Diagnostics.SourcePosition(token.Start.Line, token.Start.Column);
            var kind = token.Kind switch
            {
                BlockTokenKind.Key => YamlTokenKind.Key,
                BlockTokenKind.Value => YamlTokenKind.Value,
                BlockTokenKind.BlockEntry => YamlTokenKind.BlockEntry,
                BlockTokenKind.BlockMappingStart => YamlTokenKind.BlockMappingStart,
                BlockTokenKind.BlockSequenceStart => YamlTokenKind.BlockSequenceStart,
                BlockTokenKind.BlockEnd => YamlTokenKind.BlockEnd,
                BlockTokenKind.Scalar => YamlTokenKind.Scalar,
                _ => YamlTokenKind.Other,
            };
            // As TokenRecordingScanner: one-character indicators end one column after they start.
            var end = kind is YamlTokenKind.Value or YamlTokenKind.BlockEntry
                ? start with { Column = start.Column + 1 }
                : new Diagnostics.SourcePosition(token.End.Line, token.End.Column);
            result.Add(new YamlToken(kind, start, end));
        }

        return result;
    }

    private enum BlockTokenKind
    {
        StreamStart,
        StreamEnd,
        DocumentStart,
        BlockMappingStart,
        BlockSequenceStart,
        BlockEnd,
        BlockEntry,
        Key,
        Value,
        Scalar,
    }

    /// <summary>A place in the text: character index, line (from 1) and column (from 1).</summary>
    private readonly record struct Place(int Index, int Line, int Column)
    {
        public Mark ToMark() => new(Index, Line, Column);
    }

    private readonly record struct BlockToken(BlockTokenKind Kind, Place Start, Place End, string? Value = null, ScalarStyle Style = ScalarStyle.Plain);

    /// <summary>
    /// The block-context scanner: indentation levels, the one pending simple key, and the scalar styles. Each method
    /// returns false to decline.
    /// </summary>
    private sealed class BlockScanner(string text)
    {
        private readonly List<int> _indents = [];
        private readonly StringBuilder _value = new();
        private readonly StringBuilder _trailingBreaks = new();
        private int _index;
        private int _line = 1;
        private int _offset;
        private int _indent = -1;
        private bool _simpleKeyAllowed;

        // The pending simple key: a scalar that becomes a key if a ':' follows it on its line.
        private bool _keyPossible;
        private bool _keyRequired;
        private int _keyToken;
        private Place _keyPlace;

        public List<BlockToken> Tokens { get; } = new(text.Length / 40 + 16);

        /// <summary>Where the double-quoted scalar starts whose under-indented continuation stopped the scan.</summary>
        public Place? FragileQuote { get; private set; }

        private char At(int ahead) => _index + ahead < text.Length ? text[_index + ahead] : '\0';

        private bool IsBlankOrEnd(int ahead) => At(ahead) is ' ' or '\n' or '\0';

        private Place Here => new(_index, _line, _offset + 1);

        private void Skip()
        {
            _index++;
            _offset++;
        }

        /// <summary>To the line's break (or the end of the text), in one step.</summary>
        private void SkipToLineEnd()
        {
            var rest = text.AsSpan(_index).IndexOf('\n');
            var length = rest < 0 ? text.Length - _index : rest;
            _index += length;
            _offset += length;
        }

        private void SkipBreak()
        {
            _index++;
            _line++;
            _offset = 0;
        }

        public bool Run()
        {
            Tokens.Add(new BlockToken(BlockTokenKind.StreamStart, Here, Here));
            _simpleKeyAllowed = true;
            while (true)
            {
                SkipToNextToken();
                if (_keyPossible && (_keyPlace.Line < _line || _keyPlace.Index + MaxSimpleKeyLength < _index))
                {
                    if (_keyRequired) return false;
                    _keyPossible = false;
                }

                Unroll(_offset);
                if (_index >= text.Length) return EndStream();

                var c = text[_index];
                if (_offset == 0 && c == '%') return false;
                if (_offset == 0 && c is '-' or '.' && IsMarker(text, _index))
                {
                    if (c == '.' || Tokens.Count != 1) return false;
                    StartDocument();
                    continue;
                }

                var fetched = c switch
                {
                    '[' or '{' or ']' or '}' or ',' or '*' or '&' or '!' or '@' or '`' or '%' => false,
                    '-' when IsBlankOrEnd(1) => BlockEntry(),
                    '?' when IsBlankOrEnd(1) => false,
                    ':' when IsBlankOrEnd(1) => Value(),
                    '|' or '>' => BlockScalar(literal: c == '|'),
                    '\'' or '"' => QuotedScalar(single: c == '\''),
                    '#' or '?' or ':' or '-' => c != '#' && PlainScalar(),
                    _ => PlainScalar(),
                };
                if (!fetched) return false;
            }
        }

        /// <summary>Spaces, comments and line breaks; a new line in the block context may start a simple key.</summary>
        private void SkipToNextToken()
        {
            while (true)
            {
                while (At(0) == ' ') Skip();
                if (At(0) == '#')
                {
                    SkipToLineEnd();
                }

                if (At(0) != '\n') return;
                SkipBreak();
                _simpleKeyAllowed = true;
            }
        }

        private void Unroll(int column)
        {
            while (_indent > column)
            {
                Tokens.Add(new BlockToken(BlockTokenKind.BlockEnd, Here, Here));
                _indent = _indents[^1];
                _indents.RemoveAt(_indents.Count - 1);
            }
        }

        /// <summary>Opens a block collection at <paramref name="column"/> if it is deeper than the current one.</summary>
        private bool Roll(int column, int insertAt, bool sequence, Place place)
        {
            if (_indent >= column) return true;
            if (_indents.Count >= MaxIndents) return false;
            _indents.Add(_indent);
            _indent = column;
            var token = new BlockToken(sequence ? BlockTokenKind.BlockSequenceStart : BlockTokenKind.BlockMappingStart, place, place);
            if (insertAt < 0) Tokens.Add(token);
            else Tokens.Insert(insertAt, token);
            return true;
        }

        private bool EndStream()
        {
            if (!DropSimpleKey()) return false;
            if (_offset != 0)
            {
                _line++;
                _offset = 0;
            }

            Unroll(-1);
            Tokens.Add(new BlockToken(BlockTokenKind.StreamEnd, Here, Here));
            return true;
        }

        private void StartDocument()
        {
            Unroll(-1);
            _keyPossible = false;
            _simpleKeyAllowed = false;
            var start = Here;
            Skip();
            Skip();
            Skip();
            Tokens.Add(new BlockToken(BlockTokenKind.DocumentStart, start, Here));
        }

        /// <summary>False when a required simple key is dropped (YamlDotNet: "could not find expected ':'").</summary>
        private bool DropSimpleKey()
        {
            if (_keyPossible && _keyRequired) return false;
            _keyPossible = false;
            return true;
        }

        private bool SaveSimpleKey()
        {
            if (!_simpleKeyAllowed) return true;
            if (!DropSimpleKey()) return false;
            _keyPossible = true;
            _keyRequired = _indent == _offset;
            _keyToken = Tokens.Count;
            _keyPlace = Here;
            return true;
        }

        private bool BlockEntry()
        {
            if (!_simpleKeyAllowed) return false;
            if (!Roll(_offset, -1, sequence: true, Here) || !DropSimpleKey()) return false;
            _simpleKeyAllowed = true;
            var start = Here;
            Skip();
            Tokens.Add(new BlockToken(BlockTokenKind.BlockEntry, start, Here));
            return true;
        }

        private bool Value()
        {
            // Values without a simple key before them (complex keys, keys spanning lines) are the general reader's.
            if (!_keyPossible) return false;
            Tokens.Insert(_keyToken, new BlockToken(BlockTokenKind.Key, _keyPlace, _keyPlace));
            if (!Roll(_keyPlace.Column - 1, _keyToken, sequence: false, _keyPlace)) return false;
            _keyPossible = false;
            _simpleKeyAllowed = false;
            var start = Here;
            Skip();
            Tokens.Add(new BlockToken(BlockTokenKind.Value, start, Here));
            return true;
        }

        private bool PlainScalar()
        {
            if (!SaveSimpleKey()) return false;
            _simpleKeyAllowed = false;
            var start = Here;
            var end = start;
            var minimumColumn = _indent + 1;
            var multiline = false;
            var folding = false;     // a line break was met since the last content
            var blanksFrom = -1;     // where pending spaces on this line begin
            var starWord = false;    // a word after the first starts with '*'
            _value.Clear();
            _trailingBreaks.Clear();
            while (true)
            {
                if (At(0) == '#')
                {
                    // YamlDotNet flags a comment after a top-level plain scalar; leave that to it.
                    if (_indent < 0) return false;
                    break;
                }

                while (!IsBlankOrEnd(0))
                {
                    if (At(0) == ':' && IsBlankOrEnd(1))
                    {
                        // YamlDotNet runs a plain scalar holding a word that starts with '*' on past this ': ' (PyYAML
                        // ends it here); which reading counts, the general reader decides.
                        if (!_keyPossible || starWord) return false;
                        break;
                    }

                    if (At(0) == '*' && (blanksFrom >= 0 || folding)) starWord = true;

                    if (folding)
                    {
                        _value.Append(_trailingBreaks.Length == 0 ? " " : _trailingBreaks.ToString());
                        _trailingBreaks.Clear();
                        folding = false;
                    }
                    else if (blanksFrom >= 0)
                    {
                        if (multiline) _value.Append(text, blanksFrom, _index - blanksFrom);
                    }

                    blanksFrom = -1;
                    // The rest of the word up to a blank or a ':' (which may end the scalar), in one step.
                    var word = text.AsSpan(_index + 1).IndexOfAny(PlainStops);
                    var length = 1 + (word < 0 ? text.Length - _index - 1 : word);
                    if (multiline) _value.Append(text, _index, length);
                    _index += length;
                    _offset += length;
                    end = Here;
                }

                if (At(0) is not (' ' or '\n')) break;
                while (At(0) is ' ' or '\n')
                {
                    if (At(0) == ' ')
                    {
                        if (!folding && blanksFrom < 0) blanksFrom = _index;
                        Skip();
                        continue;
                    }

                    if (!multiline)
                    {
                        // The first line break: from here on the value is built, not cut from the text.
                        multiline = true;
                        _value.Append(text, start.Index, end.Index - start.Index);
                    }

                    blanksFrom = -1;
                    if (folding) _trailingBreaks.Append('\n');
                    folding = true;
                    SkipBreak();
                }

                if (_offset < minimumColumn) break;
            }

            if (folding) _simpleKeyAllowed = true;
            if (multiline && At(0) == ':' && _indent < _offset) return false;
            var value = multiline ? _value.ToString() : text.Substring(start.Index, end.Index - start.Index);
            Tokens.Add(new BlockToken(BlockTokenKind.Scalar, start, end, value, ScalarStyle.Plain));
            return true;
        }

        private bool QuotedScalar(bool single)
        {
            if (!SaveSimpleKey()) return false;
            _simpleKeyAllowed = false;
            var quote = single ? '\'' : '"';
            var start = Here;
            Skip();
            _value.Clear();
            _trailingBreaks.Clear();
            var folding = false;
            var escapedBreak = false; // a '\' ended the line: the lines join with no space
            var rawSpaces = 0;        // spaces as written at the end of the value so far (dropped before a line break)
            while (true)
            {
                if (_index >= text.Length) return false;
                if (folding && !single && _indent >= _offset)
                {
                    // YamlDotNet refuses this ("found wrong indentation"); the caller may rewrite it as the general reader does.
                    FragileQuote = start;
                    return false;
                }

                folding = false;
                escapedBreak = false;

                // One line of the scalar: runs of ordinary characters (spaces included) up to a quote, an escape or
                // the line's end.
                while (true)
                {
                    var run = text.AsSpan(_index).IndexOfAny(single ? SingleQuotedStops : DoubleQuotedStops);
                    if (run < 0) return false; // the file ends inside the scalar
                    if (run > 0)
                    {
                        var piece = text.AsSpan(_index, run);
                        var trailing = piece.Length - piece.TrimEnd(' ').Length;
                        rawSpaces = trailing == run ? rawSpaces + run : trailing;
                        _value.Append(piece);
                        _index += run;
                        _offset += run;
                    }

                    var c = text[_index];
                    if (c == '\n') break;
                    if (c == quote)
                    {
                        if (!single || At(1) != '\'') break;
                        _value.Append('\'');
                        Skip();
                        Skip();
                        rawSpaces = 0;
                        continue;
                    }

                    // A backslash in a double-quoted scalar.
                    if (At(1) == '\n')
                    {
                        Skip();
                        SkipBreak();
                        folding = true;
                        escapedBreak = true;
                        break;
                    }

                    if (!Unescape()) return false;
                    rawSpaces = 0;
                }

                if (At(0) == quote) break;
                if (!escapedBreak)
                {
                    // Spaces written before a line break are not part of the value.
                    _value.Length -= rawSpaces;
                    SkipBreak();
                    folding = true;
                }

                rawSpaces = 0;
                while (At(0) is ' ' or '\n')
                {
                    if (At(0) == ' ')
                    {
                        Skip();
                        continue;
                    }

                    _trailingBreaks.Append('\n');
                    SkipBreak();
                }

                if (escapedBreak || _trailingBreaks.Length > 0) _value.Append(_trailingBreaks);
                else _value.Append(' ');
                _trailingBreaks.Clear();
            }

            Skip();
            // YamlDotNet refuses a comment sign right after a double-quoted scalar.
            if (!single && At(0) == '#') return false;
            Tokens.Add(new BlockToken(BlockTokenKind.Scalar, start, Here, _value.ToString(),
                single ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted));
            return true;
        }

        /// <summary>
        /// Reads the escape at the cursor into the value. Code points in surrogate range (YamlDotNet pairs two escapes
        /// there) and unknown escapes are the general reader's.
        /// </summary>
        private bool Unescape()
        {
            var letter = At(1);
            var digits = letter switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
            if (digits == 0)
            {
                if (Escaped(letter) is not { } unescaped) return false;
                _value.Append(unescaped);
                Skip();
                Skip();
                return true;
            }

            var code = 0L;
            for (var k = 0; k < digits; k++)
            {
                var hex = At(2 + k);
                var digit = hex switch
                {
                    >= '0' and <= '9' => hex - '0',
                    >= 'a' and <= 'f' => hex - 'a' + 10,
                    >= 'A' and <= 'F' => hex - 'A' + 10,
                    _ => -1,
                };
                if (digit < 0) return false;
                code = (code << 4) + digit;
            }

            if (code is >= 0xD800 and <= 0xDFFF or > 0x10FFFF) return false;
            _value.Append(char.ConvertFromUtf32((int)code));
            for (var k = 0; k < digits + 2; k++) Skip();
            return true;
        }

        /// <summary>The character a one-letter escape stands for; null for unknown ones.</summary>
        private static char? Escaped(char c) => c switch
        {
            '0' => '\0',
            'a' => '\a',
            'b' => '\b',
            't' => '\t',
            'n' => '\n',
            'v' => '\v',
            'f' => '\f',
            'r' => '\r',
            'e' => '\u001B',
            ' ' => ' ',
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'N' => '\u0085',
            '_' => '\u00A0',
            'L' => '\u2028',
            'P' => '\u2029',
            _ => null,
        };

        private bool BlockScalar(bool literal)
        {
            if (!SaveSimpleKey()) return false;
            _simpleKeyAllowed = true;
            var start = Here;
            Skip();
            var chomping = 0;
            if (At(0) is '+' or '-')
            {
                chomping = At(0) == '+' ? 1 : -1;
                Skip();
            }

            // Indentation indicators, and a comment sign right after the indicator, are the general reader's.
            if (At(0) is (>= '0' and <= '9') or '#') return false;
            while (At(0) == ' ') Skip();
            if (At(0) == '#')
            {
                SkipToLineEnd();
            }

            if (At(0) != '\n') return false;
            SkipBreak();

            // The first line must hold text: leading blank lines are where YamlDotNet and PyYAML part ways.
            var end = Here;
            while (At(0) == ' ') Skip();
            if (At(0) is '\n' or '\0') return false;

            // A first line at or left of the parent's column makes an empty scalar; rare, and left to the general reader.
            var blockIndent = _offset;
            if (blockIndent <= _indent || blockIndent < 1) return false;

            _value.Clear();
            _trailingBreaks.Clear();
            var leadingBreak = false;
            var leadingBlank = false;
            while (_offset == blockIndent && _index < text.Length)
            {
                var trailingBlank = At(0) == ' ';
                if (!literal && leadingBreak && !leadingBlank && !trailingBlank)
                {
                    if (_trailingBreaks.Length == 0) _value.Append(' ');
                }
                else if (leadingBreak)
                {
                    _value.Append('\n');
                }

                leadingBreak = false;
                _value.Append(_trailingBreaks);
                _trailingBreaks.Clear();
                leadingBlank = trailingBlank;
                var from = _index;
                SkipToLineEnd();
                _value.Append(text, from, _index - from);
                if (At(0) == '\n')
                {
                    SkipBreak();
                    leadingBreak = true;
                }

                end = Here;
                while (true)
                {
                    while (_offset < blockIndent && At(0) == ' ') Skip();
                    if (At(0) != '\n') break;
                    _trailingBreaks.Append('\n');
                    SkipBreak();
                    end = Here;
                }
            }

            if (chomping != -1 && leadingBreak) _value.Append('\n');
            if (chomping == 1) _value.Append(_trailingBreaks);
            Tokens.Add(new BlockToken(BlockTokenKind.Scalar, start, end, _value.ToString(),
                literal ? ScalarStyle.Literal : ScalarStyle.Folded));
            return true;
        }
    }

    /// <summary>
    /// The block part of YamlDotNet's parser over the scanner's tokens, as events for the tree builder. Recursion is
    /// bounded by the scanner's indentation limit. Each method returns false to decline.
    /// </summary>
    private sealed class BlockParser(List<BlockToken> tokens, YamlTreeBuilder builder)
    {
        private int _at;
        private bool _stopped;

        private BlockToken Current => tokens[_at];

        public bool Run()
        {
            _at = 1;
            var explicitStart = Current.Kind == BlockTokenKind.DocumentStart;
            if (!Emit(new DocumentStart(null, new TagDirectiveCollection(), !explicitStart, Current.Start.ToMark(), Current.End.ToMark()))) return true;
            if (explicitStart) _at++;
            if (Current.Kind != BlockTokenKind.BlockMappingStart) return false;
            if (!Node(indentlessSequence: false)) return false;
            return _stopped || Current.Kind == BlockTokenKind.StreamEnd;
        }

        /// <summary>Hands an event to the builder; false once the builder has stopped (a limit, a failure).</summary>
        private bool Emit(ParsingEvent parsingEvent)
        {
            if (!_stopped && !builder.Accept(parsingEvent)) _stopped = true;
            return !_stopped;
        }

        private static Scalar Empty(Place at) =>
            new(AnchorName.Empty, TagName.Empty, string.Empty, ScalarStyle.Plain, true, false, at.ToMark(), at.ToMark());

        private bool Node(bool indentlessSequence)
        {
            var token = Current;
            switch (token.Kind)
            {
                case BlockTokenKind.Scalar:
                    _at++;
                    var plain = token.Style == ScalarStyle.Plain;
                    Emit(new Scalar(AnchorName.Empty, TagName.Empty, token.Value!, token.Style, plain, !plain, token.Start.ToMark(), token.End.ToMark()));
                    return true;
                case BlockTokenKind.BlockSequenceStart:
                    _at++;
                    return !Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block, token.Start.ToMark(), token.End.ToMark())) || Sequence();
                case BlockTokenKind.BlockMappingStart:
                    _at++;
                    return !Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block, token.Start.ToMark(), token.End.ToMark())) || Mapping();
                case BlockTokenKind.BlockEntry when indentlessSequence:
                    return !Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block, token.Start.ToMark(), token.End.ToMark())) || IndentlessSequence();
                default:
                    return false;
            }
        }

        private bool Sequence()
        {
            while (true)
            {
                var token = Current;
                if (token.Kind == BlockTokenKind.BlockEnd)
                {
                    _at++;
                    Emit(new SequenceEnd(token.Start.ToMark(), token.End.ToMark()));
                    return true;
                }

                if (token.Kind != BlockTokenKind.BlockEntry) return false;
                _at++;
                if (Current.Kind is BlockTokenKind.BlockEntry or BlockTokenKind.BlockEnd)
                {
                    if (!Emit(Empty(token.End))) return true;
                }
                else if (!Node(indentlessSequence: false)) return false;

                if (_stopped) return true;
            }
        }

        private bool IndentlessSequence()
        {
            while (true)
            {
                var token = Current;
                if (token.Kind != BlockTokenKind.BlockEntry)
                {
                    Emit(new SequenceEnd(token.Start.ToMark(), token.End.ToMark()));
                    return true;
                }

                _at++;
                if (Current.Kind is BlockTokenKind.BlockEntry or BlockTokenKind.Key or BlockTokenKind.Value or BlockTokenKind.BlockEnd)
                {
                    if (!Emit(Empty(token.End))) return true;
                }
                else if (!Node(indentlessSequence: false)) return false;

                if (_stopped) return true;
            }
        }

        private bool Mapping()
        {
            while (true)
            {
                var token = Current;
                if (token.Kind == BlockTokenKind.BlockEnd)
                {
                    _at++;
                    Emit(new MappingEnd(token.Start.ToMark(), token.End.ToMark()));
                    return true;
                }

                // Every key here is a scalar the scanner saw before a ':'; anything else is the general reader's.
                if (token.Kind != BlockTokenKind.Key) return false;
                _at++;
                if (Current.Kind != BlockTokenKind.Scalar || !Node(indentlessSequence: true)) return false;
                if (_stopped) return true;
                var value = Current;
                if (value.Kind != BlockTokenKind.Value) return false;
                _at++;
                if (Current.Kind is BlockTokenKind.Key or BlockTokenKind.Value or BlockTokenKind.BlockEnd)
                {
                    if (!Emit(Empty(value.End))) return true;
                }
                else if (!Node(indentlessSequence: true)) return false;

                if (_stopped) return true;
            }
        }
    }
}
