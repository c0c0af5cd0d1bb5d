using System.Globalization;
using ContribBot.Core.Taxonomy.Yaml;
using Newtonsoft.Json.Linq;

namespace ContribBot.Core.Validation.Schema;

/// <summary>
/// Converts the node tree to the JSON value the schema sees, with YAML 1.1 types. A date has no JSON type, so it
/// becomes an empty object: wrong for every field of the format, which is what PyYAML's date object is too.
/// </summary>
public static class YamlToJson
{
    public static JToken Convert(YamlNode node) => node switch
    {
        YamlMapping mapping => ConvertMapping(mapping),
        YamlSequence sequence => new JArray(sequence.Items.Select(Convert)),
        YamlScalar scalar => ConvertScalar(scalar),
        _ => JValue.CreateNull(),
    };

    private static JObject ConvertMapping(YamlMapping mapping)
    {
        var result = new JObject();
        foreach (var entry in mapping.Entries) result[entry.KeyText] = Convert(entry.Value);
        return result;
    }

    private static JToken ConvertScalar(YamlScalar scalar)
    {
        var text = scalar.Text.Replace("_", string.Empty, StringComparison.Ordinal);
        return scalar.Type switch
        {
            YamlScalarType.String => new JValue(scalar.Text),
            YamlScalarType.Null => JValue.CreateNull(),
            YamlScalarType.Boolean => new JValue(scalar.Text[0] is 'y' or 'Y' or 't' or 'T' || scalar.Text is "on" or "On" or "ON"),
            YamlScalarType.Integer => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole)
                ? new JValue(whole)
                : new JValue(0L),
            YamlScalarType.Float => new JValue(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : 0.5),
            YamlScalarType.Timestamp => new JObject(),
            _ => JValue.CreateNull(),
        };
    }
}
