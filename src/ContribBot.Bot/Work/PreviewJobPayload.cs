using System.Text.Json;
using System.Text.Json.Serialization;
using ContribBot.Bot.Events;

namespace ContribBot.Bot.Work;

/// <summary>A preview to run: the commit, the check run already shown for it, how many samples, and what asked for it.</summary>
public sealed record PreviewJobPayload(PullRequestHead Head, long? CheckRunId, int? Samples, string Reason)
{
    public const string Kind = "preview";

    /// <summary>Validate and plan only, with no teacher calls (<c>/contribbot validate</c>).</summary>
    public bool DryRun { get; init; }

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, BotJson.Default.PreviewJobPayload);

    /// <exception cref="BotEventException">The stored payload is not one of ours.</exception>
    public static PreviewJobPayload From(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, BotJson.Default.PreviewJobPayload) ?? throw new BotEventException("an empty preview job");
        }
        catch (JsonException exception)
        {
            throw new BotEventException($"a preview job that does not read: {exception.Message}", exception);
        }
    }
}

[JsonSerializable(typeof(PreviewJobPayload))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, MaxDepth = 16)]
internal sealed partial class BotJson : JsonSerializerContext;
