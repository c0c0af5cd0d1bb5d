using ContribBot.Core.Diagnostics;
using ContribBot.Core.Limits;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>
/// Turns parser events into nodes, one instance per document read: the limits, aliases, merge keys and duplicate keys
/// live here, whichever reader produced the events.
/// </summary>
internal sealed class YamlTreeBuilder(string filePath, string text, YamlLimits limits)
{
    private readonly Stack<Frame> _open = new();
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
    private readonly List<DuplicateKey> _duplicates = [];
    private readonly List<Diagnostic> _warnings = [];
    private long _expandedNodes;
    private int _documents;

    public YamlNode? Root { get; private set; }

    public Diagnostic? Failure { get; private set; }

    public IReadOnlyList<DuplicateKey> DuplicateKeys => _duplicates;

    /// <summary>Forms read as the reference reads them that other YAML tools read otherwise (CB0116, CB0117).</summary>
    public IReadOnlyList<Diagnostic> Warnings => _warnings;

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
                if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted && scalar.End.Line > scalar.Start.Line)
                {
                    foreach (var line in ReferenceLoaderForms.UnderIndentedLines(text, scalar.Start, scalar.End))
                    {
                        _warnings.Add(FileDiagnostics.UnderIndentedContinuation.At(filePath, new SourcePosition(line, 1)));
                    }
                }

                return Count(1, scalar.Start) && ScalarTagReadable(scalar) && Add(ToNode(scalar), scalar.Anchor);
            case AnchorAlias alias:
                return Alias(alias);
            case MappingStart mapping:
                return Count(1, mapping.Start) && CollectionTagReadable(mapping.Tag, "tag:yaml.org,2002:map", "a mapping", mapping.Start) &&
                       Open(new Frame(Position(mapping.Start), IsMapping: true, mapping.Anchor));
            case SequenceStart sequence:
                return Count(1, sequence.Start) && CollectionTagReadable(sequence.Tag, "tag:yaml.org,2002:seq", "a list", sequence.Start) &&
                       Open(new Frame(Position(sequence.Start), IsMapping: false, sequence.Anchor));
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

        if (parent.PendingKey is YamlScalar { IsPlain: true, Text: MergeKeyText } mergeKey)
        {
            return Merge(parent, mergeKey, node);
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

    /// <summary>
    /// A YAML 1.1 merge key (<c>&lt;&lt;: *anchor</c>, <c>&lt;&lt;: [*a, *b]</c>), as PyYAML reads it: the merged
    /// mapping's entries join this one's, explicit keys win, and the merged entries keep their own positions (the
    /// anchor's lines), so a diagnostic about a merged value points at where it is written.
    /// </summary>
    private bool Merge(Frame parent, YamlScalar key, YamlNode value)
    {
        parent.PendingKey = null;
        IReadOnlyList<YamlNode> sources = value is YamlSequence sequence ? sequence.Items : [value];
        if (sources.FirstOrDefault(source => source is not YamlMapping) is { } wrong)
        {
            Failure = FileDiagnostics.MergeValueNotMapping.At(filePath, wrong.Start, value is YamlSequence ? $"a list holding {wrong.Description}" : wrong.Description);
            return false;
        }

        _warnings.Add(FileDiagnostics.MergeKey.At(filePath, key.Start));
        parent.AddMerge(sources.Cast<YamlMapping>().ToList(), key.ExpandedSize + value.ExpandedSize);
        return true;
    }

    /// <summary>
    /// The reference's safe loader builds only the standard types: any other tag (<c>!python/object</c>, a %TAG
    /// handle's) fails the file there, and so does a tagged value its constructor cannot read (<c>!!int abc</c>).
    /// </summary>
    private bool ScalarTagReadable(Scalar scalar)
    {
        if (scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific) return true;
        var tag = scalar.Tag.Value;
        if (YamlScalarResolver.TypeOfTag(tag) is not { } type)
        {
            Failure = FileDiagnostics.UnknownTag.At(filePath, Position(scalar.Start), tag is "tag:yaml.org,2002:map" or "tag:yaml.org,2002:seq"
                ? $"the tag {Shown(tag)} is for a collection, not a single value"
                : $"the tag {Shown(tag)} is not a type the reference reads");
            return false;
        }

        if (YamlScalarResolver.CanBe(type, scalar.Value)) return true;
        Failure = FileDiagnostics.ValueNotOfItsTag.At(filePath, Position(scalar.Start), ControlCharacters.Replace(Excerpt(scalar.Value)), Shown(tag), TypeName(type));
        return false;
    }

    private bool CollectionTagReadable(TagName tag, string expected, string what, Mark at)
    {
        if (tag.IsEmpty || tag.IsNonSpecific || tag.Value == expected) return true;
        Failure = FileDiagnostics.UnknownTag.At(filePath, Position(at), YamlScalarResolver.TypeOfTag(tag.Value) is not null
            ? $"the tag {Shown(tag.Value)} is for a single value, not {what}"
            : $"the tag {Shown(tag.Value)} on {what} is not a type the reference reads");
        return false;
    }

    private static string Shown(string tag) =>
        ControlCharacters.Replace(tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? "!!" + tag["tag:yaml.org,2002:".Length..] : Excerpt(tag));

    private static string Excerpt(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private static string TypeName(YamlScalarType type) => type switch
    {
        YamlScalarType.Integer => "a whole number",
        YamlScalarType.Float => "a number",
        YamlScalarType.Boolean => "a yes/no value",
        YamlScalarType.Timestamp => "a date",
        YamlScalarType.Binary => "base64 data",
        _ => "of that type",
    };

    private static YamlScalar ToNode(Scalar scalar)
    {
        var plain = scalar.Style == ScalarStyle.Plain;
        var type = !scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && YamlScalarResolver.TypeOfTag(scalar.Tag.Value) is { } tagged
            ? tagged
            : plain && scalar.Tag.IsEmpty ? YamlScalarResolver.Resolve(scalar.Value) : YamlScalarType.String;
        return new YamlScalar(Position(scalar.Start), scalar.Value, type, plain);
    }

    private static SourcePosition Position(Mark mark) => TokenRecordingScanner.ToPosition(mark);

    /// <summary>The plain key that PyYAML (YAML 1.1) resolves to the merge tag.</summary>
    private const string MergeKeyText = "<<";

    /// <summary>A mapping or sequence being read.</summary>
    private sealed class Frame(SourcePosition start, bool IsMapping, AnchorName anchor)
    {
        private readonly List<YamlNode> _items = [];
        private readonly List<YamlMappingEntry> _entries = [];
        private readonly List<IReadOnlyList<YamlMapping>> _merges = [];
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

        /// <summary>The mappings of one <c>&lt;&lt;</c> key, in the order written.</summary>
        public void AddMerge(IReadOnlyList<YamlMapping> mappings, long size)
        {
            _merges.Add(mappings);
            _size += size;
        }

        public YamlNode Build() => IsMapping
            ? new YamlMapping(start, _merges.Count == 0 ? _entries : Merged()) { ExpandedSize = _size }
            : new YamlSequence(start, _items) { ExpandedSize = _size };

        /// <summary>
        /// PyYAML's order (flatten_mapping): each merge key's entries in turn, a list's mappings last to first, then the
        /// explicit entries; a later entry replaces an earlier one with the same key, in the earlier one's place.
        /// </summary>
        private List<YamlMappingEntry> Merged()
        {
            var order = new List<YamlMappingEntry>();
            foreach (var mappings in _merges)
            {
                for (var i = mappings.Count - 1; i >= 0; i--) order.AddRange(mappings[i].Entries);
            }

            order.AddRange(_entries);
            var result = new List<YamlMappingEntry>();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in order)
            {
                if (index.TryGetValue(entry.KeyText, out var at)) result[at] = entry;
                else
                {
                    index[entry.KeyText] = result.Count;
                    result.Add(entry);
                }
            }

            return result;
        }
    }
}
