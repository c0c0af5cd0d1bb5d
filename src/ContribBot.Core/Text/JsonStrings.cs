using System.Text.Json;

namespace ContribBot.Core.Text;

/// <summary>Reads strings out of untrusted JSON (teacher replies, batch files) without the exceptions System.Text.Json throws.</summary>
public static class JsonStrings
{
    /// <summary>
    /// The value of a JSON string, or null when it is no string or escapes a lone surrogate (<c>"\ud800"</c> is valid
    /// JSON, but reading it as .NET text throws).
    /// </summary>
    public static string? Read(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return null;
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The named property's string value, or null (see <see cref="Read"/>).</summary>
    public static string? Property(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) ? Read(value) : null;
}
