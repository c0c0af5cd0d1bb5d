using System.Text.Json;

namespace ContribBot.Testing.FakeOpenAi;

/// <summary>One request the fake received: model, the response_format schema name (null when none was sent), the messages.</summary>
public sealed record FakeChatCall(int Number, string Model, string? SchemaName, bool Strict, string System, string User, JsonElement Body)
{
    /// <summary>The Authorization header the client sent.</summary>
    public string Authorization { get; init; } = string.Empty;
}
