namespace ContribBot.Core.Documents;

/// <summary>
/// Where to fetch a document repository from instead of the URL a leaf names: a maintainer's mirror or pre-filled
/// copy. Two kinds, both the maintainer's (never a pull request's): whole repositories (<c>--document-mirror URL=PATH</c>,
/// matched by normalized URL, so with or without <c>.git</c>) and git's <c>url.&lt;base&gt;.insteadOf</c> prefixes (the
/// longest matching prefix wins, as git does). The leaf's own URL is still the one checked and cached under.
/// </summary>
public sealed record DocumentMirrors(
    IReadOnlyDictionary<string, string> Repositories,
    IReadOnlyList<(string Prefix, string Replacement)> InsteadOf)
{
    public static DocumentMirrors None { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal), []);

    /// <summary>Reads <c>URL=PATH</c> pairs; throws <see cref="ArgumentException"/> naming a malformed one.</summary>
    public static IReadOnlyDictionary<string, string> ParsePairs(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1)
            {
                throw new ArgumentException($"--document-mirror '{pair}' is not URL=PATH (e.g. https://github.com/org/docs=/srv/mirrors/docs.git).");
            }

            result[DocumentCacheKey.Normalize(pair[..equals])] = pair[(equals + 1)..];
        }

        return result;
    }

    /// <summary>The mirror to fetch <paramref name="repo"/> from, or null to fetch the URL itself.</summary>
    public string? For(string repo)
    {
        if (Repositories.TryGetValue(DocumentCacheKey.Normalize(repo), out var mirror)) return mirror;
        var best = InsteadOf.Where(rule => rule.Prefix.Length > 0 && repo.StartsWith(rule.Prefix, StringComparison.Ordinal))
            .OrderByDescending(rule => rule.Prefix.Length).FirstOrDefault();
        return best.Prefix is null ? null : best.Replacement + repo[best.Prefix.Length..];
    }
}
