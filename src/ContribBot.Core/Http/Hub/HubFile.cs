namespace ContribBot.Core.Http.Hub;

/// <summary>A local file to put in a Hub repository: its path there, its size and SHA-256, and its first 512 bytes (which the Hub reads to choose how it is stored).</summary>
public sealed record HubFile(string PathInRepo, string LocalPath, long Size, string Sha256, byte[] Sample)
{
    public const int SampleBytes = 512;
}

/// <summary>A dataset repository on the Hub, <c>ORG/NAME</c>.</summary>
public sealed partial record HubRepository(string Owner, string Name)
{
    public string Id => $"{Owner}/{Name}";

    /// <summary>The Hub's rule for names: letters, digits, '-', '_' and '.', not starting with a punctuation mark, at most 96 characters each.</summary>
    public static HubRepository? TryParse(string text) =>
        Pattern().Match(text) is { Success: true } match && !text.Contains("..", StringComparison.Ordinal)
            ? new HubRepository(match.Groups[1].Value, match.Groups[2].Value)
            : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^([A-Za-z0-9][A-Za-z0-9._-]{0,95})/([A-Za-z0-9][A-Za-z0-9._-]{0,95})$")]
    private static partial System.Text.RegularExpressions.Regex Pattern();
}

/// <summary>The commit the Hub made: its id and where to see it.</summary>
public sealed record HubCommit(string? Oid, string? Url);

/// <summary>The Hub refused a request (bad token, no access, a bad name): retrying will not help; the message says what it said.</summary>
public sealed class HubRefusedException(string message) : Exception(message);

/// <summary>The Hub could not be reached, or kept failing (5xx, 429, dropped connections), after the bounded retries.</summary>
public sealed class HubUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
