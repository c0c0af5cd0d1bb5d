using System.Text.RegularExpressions;

namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>
/// Types an unquoted scalar the way the reference loader (PyYAML, YAML 1.1) does, so that <c>answer: yes</c> is a
/// boolean and <c>question:</c> with nothing after it is null, both of which the schema then rejects. A YAML 1.2
/// reader would call <c>yes</c> a string and wrongly accept it. One deliberate difference: an exponent without a dot
/// (<c>1e3</c>) is a number here, as in YAML 1.2 and most tools people paste from, so it is flagged for quoting.
/// </summary>
public static partial class YamlScalarResolver
{
    public static YamlScalarType Resolve(string text)
    {
        if (text.Length == 0) return YamlScalarType.Null;
        var first = text[0];

        // Most plain scalars in a taxonomy are sentences; decide those without a regex.
        if (char.IsLetter(first) && text.Length > 5) return YamlScalarType.String;

        if (first == '~' || first == 'n' || first == 'N')
        {
            if (text is "~" or "null" or "Null" or "NULL") return YamlScalarType.Null;
        }

        if (text is "yes" or "Yes" or "YES" or "no" or "No" or "NO" or "true" or "True" or "TRUE" or "false" or "False"
            or "FALSE" or "on" or "On" or "ON" or "off" or "Off" or "OFF")
        {
            return YamlScalarType.Boolean;
        }

        if (!(char.IsAsciiDigit(first) || first is '-' or '+' or '.')) return YamlScalarType.String;
        if (IntegerPattern().IsMatch(text)) return YamlScalarType.Integer;
        if (FloatPattern().IsMatch(text) || ExponentPattern().IsMatch(text)) return YamlScalarType.Float;
        if (TimestampPattern().IsMatch(text)) return YamlScalarType.Timestamp;
        return YamlScalarType.String;
    }

    /// <summary>The type a standard scalar tag (<c>!!str</c>, <c>!!int</c>, …) gives its value; null for any other tag.</summary>
    public static YamlScalarType? TypeOfTag(string tag) => tag switch
    {
        "tag:yaml.org,2002:str" => YamlScalarType.String,
        "tag:yaml.org,2002:null" => YamlScalarType.Null,
        "tag:yaml.org,2002:bool" => YamlScalarType.Boolean,
        "tag:yaml.org,2002:int" => YamlScalarType.Integer,
        "tag:yaml.org,2002:float" => YamlScalarType.Float,
        "tag:yaml.org,2002:timestamp" => YamlScalarType.Timestamp,
        "tag:yaml.org,2002:binary" => YamlScalarType.Binary,
        _ => null,
    };

    /// <summary>True when the reference can build a value of the type from the text (PyYAML's constructors).</summary>
    public static bool CanBe(YamlScalarType type, string text) => type switch
    {
        YamlScalarType.Integer => TryInteger(text, out _),
        YamlScalarType.Float => TryInteger(text, out _) || FloatPattern().IsMatch(text) || ExponentPattern().IsMatch(text),
        YamlScalarType.Boolean => text.ToLowerInvariant() is "yes" or "no" or "true" or "false" or "on" or "off",
        YamlScalarType.Timestamp => TimestampPattern().IsMatch(text),
        YamlScalarType.Binary => IsBase64(text),
        _ => true,
    };

    /// <summary>
    /// A YAML 1.1 integer as PyYAML reads it: decimal, <c>0b</c> binary, <c>0</c> octal, <c>0x</c> hex and base 60
    /// (<c>1:20</c> is 80), with '_' separators; any size. Texts over 1,000 characters are not read.
    /// </summary>
    public static bool TryInteger(string text, out System.Numerics.BigInteger value)
    {
        value = default;
        if (text.Length > 1000 || !IntegerPattern().IsMatch(text)) return false;
        var digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var negative = digits.StartsWith('-');
        if (digits[0] is '-' or '+') digits = digits[1..];
        if (digits.Length == 0) return false;
        var (radix, body) = digits switch
        {
            ['0', 'b', ..] => (2, digits[2..]),
            ['0', 'x', ..] => (16, digits[2..]),
            ['0', _, ..] when !digits.Contains(':', StringComparison.Ordinal) => (8, digits[1..]),
            _ => (10, digits),
        };
        if (body.Length == 0) return false;
        System.Numerics.BigInteger result = 0;
        if (body.Contains(':', StringComparison.Ordinal))
        {
            foreach (var part in body.Split(':')) result = result * 60 + System.Numerics.BigInteger.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            foreach (var c in body) result = result * radix + (char.IsAsciiDigit(c) ? c - '0' : char.ToLowerInvariant(c) - 'a' + 10);
        }

        value = negative ? -result : result;
        return true;
    }

    private static bool IsBase64(string text)
    {
        var compact = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
        return compact.Length % 4 == 0 && Convert.TryFromBase64String(compact, new byte[compact.Length], out _);
    }

    // The patterns of PyYAML's implicit resolvers (YAML 1.1): binary, octal, decimal, hex and base-60 integers.
    [GeneratedRegex(@"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ExponentPattern();

    [GeneratedRegex(@"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();
}
