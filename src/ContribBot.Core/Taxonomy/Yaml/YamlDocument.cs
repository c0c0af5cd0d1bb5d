namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>
/// A parsed <c>qna.yaml</c>: its text (lint rules read lines), the node tree (null for an empty file), the scanner
/// tokens and the duplicate keys the loader dropped.
/// </summary>
public sealed record YamlDocument(
    string Text,
    YamlNode? Root,
    IReadOnlyList<YamlToken> Tokens,
    IReadOnlyList<DuplicateKey> DuplicateKeys);
