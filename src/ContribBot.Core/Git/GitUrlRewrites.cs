using LibGit2Sharp;

namespace ContribBot.Core.Git;

/// <summary>
/// git's <c>url.&lt;base&gt;.insteadOf = &lt;prefix&gt;</c> settings (global and system config), read the way git applies
/// them, so a runner that already points github.com at a mirror for git points ContribBot's document fetches there too.
/// </summary>
public static class GitUrlRewrites
{
    /// <param name="globalConfigFile">The global config to read instead of the user's (tests); null: the user's own.</param>
    public static IReadOnlyList<(string Prefix, string Replacement)> Read(string? globalConfigFile = null)
    {
        try
        {
            using var config = globalConfigFile is null ? LibGit2Sharp.Configuration.BuildFrom(null) : LibGit2Sharp.Configuration.BuildFrom(null, globalConfigFile);
            var rewrites = new List<(string Prefix, string Replacement)>();
            foreach (var entry in config)
            {
                // Keys come back as url.<base>.insteadof: the section and name lower-cased, the base as written.
                if (!entry.Key.StartsWith("url.", StringComparison.OrdinalIgnoreCase) ||
                    !entry.Key.EndsWith(".insteadof", StringComparison.OrdinalIgnoreCase)) continue;
                var replacement = entry.Key["url.".Length..^".insteadof".Length];
                if (replacement.Length > 0 && !string.IsNullOrEmpty(entry.Value)) rewrites.Add((entry.Value, replacement));
            }

            return rewrites;
        }
        catch (LibGit2SharpException)
        {
            return []; // an unreadable git config rewrites nothing; fetches go to the URLs as written
        }
    }
}
