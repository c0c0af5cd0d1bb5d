using System.Text.Json;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;

using ContribBot.Core.Text;

namespace ContribBot.Core.Generation.Pipelines;

/// <summary>
/// A leaf's door to the teacher: renders a prompt, makes the call, counts it against the leaf, and reads the JSON
/// reply. A call that failed for good is recorded and yields <see cref="Outcome.Failed"/> (no sample is invented for it).
/// </summary>
internal sealed class LeafChat(ITeacher chat, ISampleSink sink, GenerationSettings settings)
{
    public string TeacherModel => chat.ModelFor(ChatRole.Teacher);

    public string CriticModel => chat.ModelFor(ChatRole.Critic);

    public GenerationSettings Settings => settings;

    /// <param name="draw">The draw of the unit the call works for (see <see cref="ChatRequest.Draw"/>).</param>
    public async Task<Outcome> CallAsync(
        PromptTemplate prompt, ChatRole role, IReadOnlyDictionary<string, string> values, int draw, CancellationToken cancellationToken)
    {
        var temperature = role == ChatRole.Critic ? settings.CriticTemperature : settings.GenerationTemperature;
        var request = prompt.Render(role, values, temperature, settings.MaxTokensPerCall) with { Draw = draw };
        ChatReply reply;
        try
        {
            reply = await chat.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TeacherCallException)
        {
            sink.AddFailedCall();
            return Outcome.Failed;
        }

        sink.AddCall(reply);
        return new Outcome(JsonReply.TryParse(reply.Text), Excerpt(reply.Text), false);
    }

    /// <summary>The start of something a model sent, kept with a dropped sample so a reviewer can see what came back.</summary>
    internal static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>The parsed JSON object (null when unparseable), the start of the raw reply, and whether the call failed.</summary>
    public sealed record Outcome(JsonElement? Json, string Raw, bool CallFailed)
    {
        public static Outcome Failed { get; } = new(null, string.Empty, true);

        public string? String(string property) =>
            Json is { } json ? JsonStrings.Property(json, property) : null;

        /// <summary>An array of strings; null when missing or of another shape (non-string items are skipped).</summary>
        public IReadOnlyList<string>? Strings(string property) =>
            Json is { } json && json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Select(JsonStrings.Read).OfType<string>().ToList()
                : null;

        /// <summary>
        /// A finite number, also when sent as a numeric string ("2") or a yes/no word, as weaker judges do; NaN,
        /// infinities and numbers too large for a double are no number (a reply is untrusted input).
        /// </summary>
        public double? Number(string property)
        {
            if (Json is not { } json || !json.TryGetProperty(property, out var value)) return null;
            return value.ValueKind switch
            {
                JsonValueKind.Number => value.TryGetDouble(out var number) && double.IsFinite(number) ? number : null,
                JsonValueKind.True => 1,
                JsonValueKind.False => 0,
                JsonValueKind.String when double.TryParse(JsonStrings.Read(value), System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var parsed) => double.IsFinite(parsed) ? parsed : null,
                JsonValueKind.String => JsonStrings.Read(value)?.Trim().ToLowerInvariant() switch
                {
                    "yes" or "true" => 1,
                    "no" or "false" => 0,
                    _ => null,
                },
                _ => null,
            };
        }
    }
}
