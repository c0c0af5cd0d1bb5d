using System.Text.RegularExpressions;

namespace ContribBot.GitHub;

/// <summary>The pull request a report is published to.</summary>
public sealed partial record GitHubTarget(string Owner, string Name, int PullRequest)
{
    public override string ToString() => $"{Owner}/{Name}#{PullRequest}";

    /// <summary>Reads <c>OWNER/NAME</c>; null when it is not one.</summary>
    public static (string Owner, string Name)? ParseRepository(string? repository) =>
        repository is not null && Repository().Match(repository.Trim()) is { Success: true } match
            ? (match.Groups[1].Value, match.Groups[2].Value)
            : null;

    [GeneratedRegex(@"^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/([A-Za-z0-9._-]{1,100})$")]
    private static partial Regex Repository();
}
