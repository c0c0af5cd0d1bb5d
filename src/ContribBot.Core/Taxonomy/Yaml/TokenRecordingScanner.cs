using ContribBot.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>
/// Wraps YamlDotNet's scanner to keep the tokens the parser consumes, so one scan serves both the node tree and the
/// yamllint-style spacing rules.
/// </summary>
internal sealed class TokenRecordingScanner(IScanner inner, int expectedTokens = 0) : IScanner
{
    private readonly List<YamlToken> _tokens = new(expectedTokens);

    public IReadOnlyList<YamlToken> Tokens => _tokens;

    public Mark CurrentPosition => inner.CurrentPosition;

    public Token? Current => inner.Current;

    public bool MoveNext() => inner.MoveNext();

    public bool MoveNextWithoutConsuming() => inner.MoveNextWithoutConsuming();

    public void ConsumeCurrent()
    {
        if (inner.Current is { } token) _tokens.Add(Convert(token));
        inner.ConsumeCurrent();
    }

    private static YamlToken Convert(Token token)
    {
        var kind = token switch
        {
            Key => YamlTokenKind.Key,
            Value => YamlTokenKind.Value,
            BlockEntry => YamlTokenKind.BlockEntry,
            FlowEntry => YamlTokenKind.FlowEntry,
            FlowMappingStart => YamlTokenKind.FlowMappingStart,
            FlowMappingEnd => YamlTokenKind.FlowMappingEnd,
            FlowSequenceStart => YamlTokenKind.FlowSequenceStart,
            FlowSequenceEnd => YamlTokenKind.FlowSequenceEnd,
            BlockMappingStart => YamlTokenKind.BlockMappingStart,
            BlockSequenceStart => YamlTokenKind.BlockSequenceStart,
            BlockEnd => YamlTokenKind.BlockEnd,
            YamlDotNet.Core.Tokens.Scalar => YamlTokenKind.Scalar,
            _ => YamlTokenKind.Other,
        };
        var start = ToPosition(token.Start);
        // YamlDotNet leaves End at Start for its one-character indicator tokens; the spacing rules need the true end.
        var end = kind is YamlTokenKind.Value or YamlTokenKind.BlockEntry or YamlTokenKind.FlowEntry
            or YamlTokenKind.FlowMappingStart or YamlTokenKind.FlowMappingEnd or YamlTokenKind.FlowSequenceStart
            or YamlTokenKind.FlowSequenceEnd
            ? start with { Column = start.Column + 1 }
            : ToPosition(token.End);
        return new YamlToken(kind, start, end);
    }

    internal static SourcePosition ToPosition(Mark mark) => new((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));
}
