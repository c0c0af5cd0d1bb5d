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
    /// <summary>How many under-indented continuation lines are repaired before the file is called broken.</summary>
    private const int MaxContinuationRepairs = 32;

    public static YamlReadResult Read(string filePath, string text, YamlLimits limits)
    {
        var original = text;
        var repaired = new List<Diagnostic>();
        for (var attempt = 0; ; attempt++)
        {
            var scanner = new TokenRecordingScanner(new Scanner(new StringReader(text), skipComments: true));
            var builder = new TreeBuilder(filePath, limits);
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
                // PyYAML (the reference) accepts a quoted or plain scalar whose continuation line is not indented
                // more than its key; YAML itself and stricter parsers do not. Such a line only loses its leading
                // spaces when folded, so indenting it further keeps the value: repair, warn and read on.
                // YamlDotNet marks the scalar's start and the offending line's start; the latter is the one to indent.
                var line = TokenRecordingScanner.ToPosition(exception.End).Line;
                if (attempt < MaxContinuationRepairs && IsUnderIndentedContinuation(exception) &&
                    repaired.All(d => d.Position.Line != line) && Indent(text, line) is { } fixedText)
                {
                    repaired.Add(FileDiagnostics.UnderIndentedContinuation.At(filePath, new SourcePosition(line, 1)));
                    text = fixedText;
                    continue;
                }

                // Report against the text as written: a repair that did not help is not mentioned.
                return new YamlReadResult(null, [SyntaxError(filePath, original, exception)]);
            }

            if (builder.Failure is { } failure) return new YamlReadResult(null, [.. repaired, failure]);

            // Line rules read the text as written; only columns on repaired lines differ in the tokens.
            var document = new YamlDocument(original, builder.Root, scanner.Tokens, builder.DuplicateKeys);
            return new YamlReadResult(document, repaired);
        }
    }

    // YamlDotNet's words for a quoted scalar's continuation line at or left of the enclosing indentation.
    private static bool IsUnderIndentedContinuation(YamlException exception) =>
        exception.Message.Contains("found wrong indentation", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text with two more spaces at the start of a line, or null when the line is out of range.</summary>
    private static string? Indent(string text, int lineNumber)
    {
        var start = 0;
        for (var line = 1; line < lineNumber; line++)
        {
            start = text.IndexOf('\n', start) + 1;
            if (start == 0) return null;
        }

        return string.Concat(text.AsSpan(0, start), "  ", text.AsSpan(start));
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

    /// <summary>Turns parser events into nodes; one instance per document read.</summary>
    private sealed class TreeBuilder(string filePath, YamlLimits limits)
    {
        private readonly Stack<Frame> _open = new();
        private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
        private readonly List<DuplicateKey> _duplicates = [];
        private long _expandedNodes;
        private int _documents;

        public YamlNode? Root { get; private set; }

        public Diagnostic? Failure { get; private set; }

        public IReadOnlyList<DuplicateKey> DuplicateKeys => _duplicates;

        /// <summary>Takes one event; false stops reading (a limit was hit or a second document began).</summary>
        public bool Accept(ParsingEvent parsingEvent)
        {
            switch (parsingEvent)
            {
                case DocumentStart start:
                    _documents++;
                    if (_documents > 1)
                    {
                        // The reference's loader refuses a stream of several documents outright; so do we.
                        Failure = FileDiagnostics.SeveralDocuments.At(filePath, Position(start.Start));
                        return false;
                    }

                    return true;
                case Scalar scalar:
                    return Count(1, scalar.Start) && Add(ToNode(scalar), scalar.Anchor);
                case AnchorAlias alias:
                    return Alias(alias);
                case MappingStart mapping:
                    return Count(1, mapping.Start) && Open(new Frame(Position(mapping.Start), IsMapping: true, mapping.Anchor));
                case SequenceStart sequence:
                    return Count(1, sequence.Start) && Open(new Frame(Position(sequence.Start), IsMapping: false, sequence.Anchor));
                case MappingEnd or SequenceEnd:
                    var frame = _open.Pop();
                    return Add(frame.Build(), frame.Anchor);
                default:
                    return true;
            }
        }

        private bool Alias(AnchorAlias alias)
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                Failure = FileDiagnostics.SyntaxError.At(
                    filePath, Position(alias.Start), $"the alias *{alias.Value.Value} refers to no anchor defined before it");
                return false;
            }

            return Count(target.ExpandedSize, alias.Start) && Add(target, AnchorName.Empty);
        }

        private bool Count(long nodes, Mark at)
        {
            _expandedNodes += nodes;
            if (_expandedNodes <= limits.MaxExpandedNodes) return true;
            Failure = FileDiagnostics.AliasExpansionTooLarge.At(filePath, Position(at), limits.MaxExpandedNodes);
            return false;
        }

        private bool Open(Frame frame)
        {
            if (_open.Count >= limits.MaxDepth)
            {
                Failure = FileDiagnostics.NestingTooDeep.At(filePath, frame.Start, limits.MaxDepth);
                return false;
            }

            _open.Push(frame);
            return true;
        }

        private bool Add(YamlNode node, AnchorName anchor)
        {
            if (!anchor.IsEmpty) _anchors[anchor.Value] = node;
            if (_open.Count == 0)
            {
                Root = node;
                return true;
            }

            var parent = _open.Peek();
            if (!parent.IsMapping)
            {
                parent.AddItem(node);
                return true;
            }

            if (parent.PendingKey is null)
            {
                if (node is not YamlScalar)
                {
                    Failure = FileDiagnostics.KeyNotText.At(filePath, node.Start, node.Description);
                    return false;
                }

                parent.PendingKey = node;
                return true;
            }

            if (parent.AddEntry(node) is { } duplicate) _duplicates.Add(duplicate);
            return true;
        }

        private static YamlScalar ToNode(Scalar scalar)
        {
            var plain = scalar.Style == ScalarStyle.Plain;
            var type = !scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific
                ? YamlScalarResolver.ResolveTagged(scalar.Tag.Value, scalar.Value)
                : plain ? YamlScalarResolver.Resolve(scalar.Value) : YamlScalarType.String;
            return new YamlScalar(Position(scalar.Start), scalar.Value, type, plain);
        }

        private static SourcePosition Position(Mark mark) => TokenRecordingScanner.ToPosition(mark);
    }

    /// <summary>A mapping or sequence being read.</summary>
    private sealed class Frame(SourcePosition start, bool IsMapping, AnchorName anchor)
    {
        private readonly List<YamlNode> _items = [];
        private readonly List<YamlMappingEntry> _entries = [];
        private Dictionary<string, int>? _keyIndex;
        private long _size = 1;

        public SourcePosition Start => start;

        public bool IsMapping { get; } = IsMapping;

        public AnchorName Anchor => anchor;

        public YamlNode? PendingKey { get; set; }

        public void AddItem(YamlNode node)
        {
            _items.Add(node);
            _size += node.ExpandedSize;
        }

        /// <summary>Adds the pending key with this value; returns the duplicate when the key was already there.</summary>
        public DuplicateKey? AddEntry(YamlNode value)
        {
            var key = PendingKey!;
            PendingKey = null;
            _size += key.ExpandedSize + value.ExpandedSize;
            var entry = new YamlMappingEntry(key, value);
            _keyIndex ??= new Dictionary<string, int>(StringComparer.Ordinal);
            if (_keyIndex.TryGetValue(entry.KeyText, out var earlier))
            {
                // PyYAML keeps the last value of a repeated key; so do we, and the lint rule reports both lines.
                var first = _entries[earlier].Key.Start;
                _entries[earlier] = entry;
                return new DuplicateKey(entry.KeyText, first, key.Start);
            }

            _keyIndex[entry.KeyText] = _entries.Count;
            _entries.Add(entry);
            return null;
        }

        public YamlNode Build() => IsMapping
            ? new YamlMapping(start, _entries) { ExpandedSize = _size }
            : new YamlSequence(start, _items) { ExpandedSize = _size };
    }
}
