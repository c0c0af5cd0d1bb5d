using ContribBot.Core.Configuration;
using ContribBot.GitHub;

namespace ContribBot.Cli.Commands;

/// <summary>How the commands that talk to GitHub reach it: GITHUB_TOKEN, GITHUB_API_URL and GITHUB_REPOSITORY, as in a workflow.</summary>
public static class GitHubConnection
{
    /// <param name="permissions">What the token needs, for the message when it is missing (e.g. <c>checks: write, pull-requests: write</c>).</param>
    /// <exception cref="ConfigException">No token, or GITHUB_API_URL is not a URL.</exception>
    public static GitHubClientFactory Clients(Func<string, string?> environment, string permissions)
    {
        if (string.IsNullOrWhiteSpace(environment("GITHUB_TOKEN")))
        {
            throw new ConfigException($"GITHUB_TOKEN is not set; in a workflow pass it with `env: GITHUB_TOKEN: ${{{{ secrets.GITHUB_TOKEN }}}}` (permissions: {permissions}).");
        }

        var apiUrl = environment("GITHUB_API_URL") is { Length: > 0 } url ? url : "https://api.github.com";
        if (!Uri.TryCreate(apiUrl, UriKind.Absolute, out var api)) throw new ConfigException($"GITHUB_API_URL '{apiUrl}' is not a URL.");
        return new GitHubClientFactory(api);
    }

    /// <summary>OWNER/NAME from <paramref name="given"/> or GITHUB_REPOSITORY.</summary>
    public static (string Owner, string Name) Repository(string? given, Func<string, string?> environment)
    {
        var name = given ?? environment("GITHUB_REPOSITORY");
        return GitHubTarget.ParseRepository(name) is { } parsed
            ? parsed
            : throw new ConfigException(name is null ? "no repository: pass --repo OWNER/NAME (or set GITHUB_REPOSITORY)." : $"'{name}' is not OWNER/NAME.");
    }
}
