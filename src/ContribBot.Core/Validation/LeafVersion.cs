using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Validation;

/// <summary>The format version a leaf declares: the integer under <c>version</c>, 1 when missing or not an integer.</summary>
/// <param name="Node">The <c>version</c> value node, when there is one.</param>
public sealed record LeafVersion(int Value, YamlNode? Node)
{
    public const int Newest = 3;

    public bool IsDeclaredInteger => Node is YamlScalar { Type: YamlScalarType.Integer };

    public SourcePosition Position => Node?.Start ?? SourcePosition.FileStart;

    public static LeafVersion Of(YamlMapping root)
    {
        var node = root["version"];
        if (node is YamlScalar { Type: YamlScalarType.Integer } scalar &&
            int.TryParse(scalar.Text.Replace("_", string.Empty, StringComparison.Ordinal), out var value))
        {
            return new LeafVersion(value, node);
        }

        // The reference falls back to version 1 when the key is missing or not an integer.
        return new LeafVersion(1, node);
    }
}
