using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Validation.Schema;

/// <summary>
/// Converts the node tree to the JSON value the schema sees, with YAML 1.1 types. A date has no JSON type, so it
/// becomes an empty object: wrong for every field of the format, which is what PyYAML's date object is too.
/// </summary>
public static class YamlToJson
{
    /// <summary>Strings longer than this may be given to the schema as their digest (see <see cref="ToDocument"/>).</summary>
    public const int DigestAbove = 64;

    // The JSON is only read back by the schema: escape no more than JSON requires (the default also escapes every
    // non-ASCII and HTML-sensitive character, which costs time on long answers and changes no value).
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        SkipValidation = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The JSON value in a document the caller disposes: read in place over the bytes just written, with no copy
    /// (validation converts every leaf, so the copy a standalone element needs is worth avoiding).
    /// </summary>
    /// <param name="digestLongStrings">
    /// Write each string longer than <see cref="DigestAbove"/> characters as a stand-in instead: the same type,
    /// emptiness and equality with any other string of the document, at a fixed small size. Only for schemas that read
    /// nothing else of a string (see <see cref="LeafSchema.ReadsStringContent"/>): long answers and contexts then cost
    /// the schema nothing.
    /// </param>
    public static JsonDocument ToDocument(YamlNode node, bool digestLongStrings = false)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, node, digestLongStrings ? new StandIns() : null);
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    /// <summary>
    /// Numbers long strings by first appearance: equal strings share a stand-in, different ones never do (exact, where a
    /// hash would only be likely). A stand-in is longer than <see cref="DigestAbove"/>, so it never equals a short
    /// string, and long strings never reach the schema themselves.
    /// </summary>
    private sealed class StandIns
    {
        private readonly Dictionary<string, string> _byText = new(StringComparer.Ordinal);

        public string For(string text)
        {
            if (_byText.TryGetValue(text, out var standIn)) return standIn;
            standIn = "#" + _byText.Count.ToString(CultureInfo.InvariantCulture).PadLeft(DigestAbove, '0');
            _byText[text] = standIn;
            return standIn;
        }
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node, StandIns? digest)
    {
        switch (node)
        {
            case YamlMapping mapping:
                writer.WriteStartObject();
                foreach (var entry in mapping.Entries)
                {
                    writer.WritePropertyName(entry.KeyText);
                    Write(writer, entry.Value, digest);
                }

                writer.WriteEndObject();
                break;
            case YamlSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items) Write(writer, item, digest);
                writer.WriteEndArray();
                break;
            case YamlScalar scalar:
                WriteScalar(writer, scalar, digest);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalar scalar, StandIns? digest)
    {
        var text = scalar.Text.Replace("_", string.Empty, StringComparison.Ordinal);
        switch (scalar.Type)
        {
            case YamlScalarType.String when digest is not null && scalar.Text.Length > DigestAbove:
                writer.WriteStringValue(digest.For(scalar.Text));
                break;
            case YamlScalarType.String:
                writer.WriteStringValue(scalar.Text);
                break;
            case YamlScalarType.Boolean:
                writer.WriteBooleanValue(scalar.Text[0] is 'y' or 'Y' or 't' or 'T' || scalar.Text is "on" or "On" or "ON");
                break;
            case YamlScalarType.Integer:
                writer.WriteNumberValue(YamlScalarResolver.TryInteger(scalar.Text, out var whole) && whole >= long.MinValue && whole <= long.MaxValue ? (long)whole : 0L);
                break;
            case YamlScalarType.Float:
                // .nan and .inf are numbers to YAML but not to JSON; any number is as wrong as they are for these fields.
                writer.WriteNumberValue(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : 0.5);
                break;
            case YamlScalarType.Timestamp or YamlScalarType.Binary:
                writer.WriteStartObject();
                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
