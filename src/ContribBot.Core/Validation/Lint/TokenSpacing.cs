using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Validation.Lint;

/// <summary>Neighbours of a token on its own line, which the spacing rules measure against.</summary>
public static class TokenSpacing
{
    /// <summary>Spaces between the token and the next real token, or null when that one is on another line.</summary>
    public static int? SpacesAfter(IReadOnlyList<YamlToken> tokens, int index)
    {
        var token = tokens[index];
        for (var i = index + 1; i < tokens.Count; i++)
        {
            var next = tokens[i];
            if (IsVirtual(next)) continue;
            return next.Start.Line == token.End.Line ? next.Start.Column - token.End.Column : null;
        }

        return null;
    }

    /// <summary>Spaces between the previous real token and this one, or null when that one is on another line.</summary>
    public static int? SpacesBefore(IReadOnlyList<YamlToken> tokens, int index)
    {
        var token = tokens[index];
        for (var i = index - 1; i >= 0; i--)
        {
            var previous = tokens[i];
            if (IsVirtual(previous)) continue;
            return previous.End.Line == token.Start.Line ? token.Start.Column - previous.End.Column : null;
        }

        return null;
    }

    /// <summary>Tokens the scanner inserts without text of their own (block starts and ends, implicit keys).</summary>
    public static bool IsVirtual(YamlToken token) =>
        token.Kind is YamlTokenKind.BlockMappingStart or YamlTokenKind.BlockSequenceStart or YamlTokenKind.BlockEnd
            or YamlTokenKind.Key || (token.Kind == YamlTokenKind.Other && token.Start == token.End);
}
