using System.Globalization;
using System.Text;
using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Testing;

/// <summary>
/// Everything a YAML read hands to the rules, as one text: the node tree with positions, types and expanded sizes, the
/// scanner tokens, the duplicate keys and the diagnostics. Two reads are alike for the validator exactly when their
/// dumps are equal, and a failing comparison shows where they part.
/// </summary>
public static class YamlReadDump
{
    public static string Of(YamlReadResult result)
    {
        var text = new StringBuilder();
        foreach (var diagnostic in result.Diagnostics)
        {
            text.Append(CultureInfo.InvariantCulture, $"diagnostic {diagnostic.Id} {diagnostic.Severity} {diagnostic.Position.Line}:{diagnostic.Position.Column} {diagnostic.Message}\n");
        }

        if (result.Document is not { } document) return text.Append("no document\n").ToString();
        Node(text, document.Root, 0);
        foreach (var token in document.Tokens)
        {
            text.Append(CultureInfo.InvariantCulture, $"token {token.Kind} {token.Start.Line}:{token.Start.Column}-{token.End.Line}:{token.End.Column}\n");
        }

        foreach (var duplicate in document.DuplicateKeys)
        {
            text.Append(CultureInfo.InvariantCulture, $"duplicate {Quote(duplicate.Key)} {duplicate.First.Line}:{duplicate.First.Column} {duplicate.Again.Line}:{duplicate.Again.Column}\n");
        }

        return text.ToString();
    }

    private static void Node(StringBuilder text, YamlNode? node, int depth)
    {
        text.Append(' ', depth * 2);
        switch (node)
        {
            case null:
                text.Append("(empty)\n");
                return;
            case YamlScalar scalar:
                text.Append(CultureInfo.InvariantCulture, $"scalar {At(node)} {scalar.Type} plain={scalar.IsPlain} {Quote(scalar.Text)}\n");
                return;
            case YamlSequence sequence:
                text.Append(CultureInfo.InvariantCulture, $"list {At(node)} size={node.ExpandedSize}\n");
                foreach (var item in sequence.Items) Node(text, item, depth + 1);
                return;
            case YamlMapping mapping:
                text.Append(CultureInfo.InvariantCulture, $"mapping {At(node)} size={node.ExpandedSize}\n");
                foreach (var entry in mapping.Entries)
                {
                    Node(text, entry.Key, depth + 1);
                    Node(text, entry.Value, depth + 2);
                }

                return;
            default:
                text.Append(node.GetType().Name).Append('\n');
                return;
        }
    }

    private static string At(YamlNode node) => string.Create(CultureInfo.InvariantCulture, $"{node.Start.Line}:{node.Start.Column}");

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
