using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ContribBot.Core.Generation.Teacher;

/// <summary>
/// One call to the teacher or the critic: the rendered prompt, the JSON schema its reply must follow (sent as a strict
/// <c>response_format</c>), and the sampling settings.
/// </summary>
/// <param name="Role">Who answers: the teacher generates, the critic judges (they may be different models).</param>
/// <param name="SchemaName">The name of the reply's JSON schema; also what a call is called in progress and reports.</param>
public sealed record ChatRequest(
    ChatRole Role,
    string SchemaName,
    string JsonSchema,
    string System,
    string User,
    double Temperature,
    int MaxTokens)
{
    /// <summary>
    /// Which draw of its generation unit this call belongs to: identical prompts sampled at a temperature above 0 are
    /// different calls, and must not share a cached reply.
    /// </summary>
    public int Draw { get; init; }

    /// <summary>
    /// Called with the reply before the call gives back its concurrency slot (a journal stores it here), so a process
    /// killed at any moment has lost at most the calls that hold a slot. Not part of the request's key.
    /// </summary>
    public Action<ChatReply>? OnReply { get; init; }

    /// <summary>
    /// A stable key for caching and journals: a SHA-256 over the model, the messages, the reply schema, the sampling
    /// settings and the draw. The same call made again, in any run, has the same key.
    /// </summary>
    public string KeyFor(string model)
    {
        var parts = new[]
        {
            "contribbot-chat-v1", model, Role.ToString(), SchemaName, JsonSchema, System, User,
            Temperature.ToString("R", CultureInfo.InvariantCulture), MaxTokens.ToString(CultureInfo.InvariantCulture),
            Draw.ToString(CultureInfo.InvariantCulture),
        };
        // Each part is length-prefixed, so no two different requests can join to the same text.
        var text = new StringBuilder();
        foreach (var part in parts) text.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

public enum ChatRole
{
    Teacher,
    Critic,
}
