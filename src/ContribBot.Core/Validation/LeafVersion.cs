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

    /// <summary>The version as written, for messages (<c>0x3</c>, a 50-digit number).</summary>
    public string Shown => Node is YamlScalar scalar ? scalar.Text : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static LeafVersion Of(YamlMapping root)
    {
        var node = root["version"];
        // As the reference reads it: 0x3 is 3, 1:20 is 80; a number past any schema (50 digits) is unsupported, not 1.
        if (node is YamlScalar { Type: YamlScalarType.Integer } scalar && YamlScalarResolver.TryInteger(scalar.Text, out var value))
        {
            return new LeafVersion(value >= int.MinValue && value <= int.MaxValue ? (int)value : int.MaxValue, node);
        }

        // The reference falls back to version 1 when the key is missing or not an integer.
        return new LeafVersion(1, node);
    }
}
