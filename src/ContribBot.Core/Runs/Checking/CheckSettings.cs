using ContribBot.Core.Configuration;
using ContribBot.Core.Documents;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation;
using ContribBot.Core.Validation.Policy;

namespace ContribBot.Core.Runs.Checking;

/// <summary>
/// What to check and how: whole taxonomy trees (or single files), or, with <see cref="Base"/> or <see cref="Head"/>,
/// only what a pull request changes. Front doors fill it from their options; the defaults suit a taxonomy's CI.
/// </summary>
public sealed record CheckSettings(IReadOnlyList<string> Paths)
{
    public bool Strict { get; init; }

    /// <summary>Pull-request mode: warnings on lines the change did not touch become notices (or config <c>validate.untouched_as_notices</c>).</summary>
    public bool UntouchedAsNotices { get; init; }

    /// <summary>Null: the config's <c>validate.max_file_size</c>, else the default (1 MiB).</summary>
    public long? MaxFileBytes { get; init; }

    public int? MaxSeedTokens { get; init; }

    public int? MaxTotalSeedTokens { get; init; }

    /// <summary>The settings file to read <c>validate:</c> from (null: the taxonomy's <c>.github/contribbot.yml</c>, when there is one).</summary>
    public string? ConfigFile { get; init; }

    /// <summary>The <c>validate:</c> section when the caller has read the config already; null: read it from <see cref="ConfigFile"/>.</summary>
    public ValidateConfig? Validate { get; init; }

    /// <summary>Pull-request mode: compare with the merge base of this ref (default origin/main, then main).</summary>
    public string? Base { get; init; }

    /// <summary>Pull-request mode: the ref whose changes are checked (default: the working tree).</summary>
    public string? Head { get; init; }

    public bool AllowLocalRepos { get; init; }

    public bool Offline { get; init; }

    /// <summary>An unreachable document host fails the run (exit 2) instead of being a warning (CB0616).</summary>
    public bool RequireDocuments { get; init; }

    /// <summary>The maintainer's mirrors (<c>--document-mirror URL=PATH</c>), by normalized URL; git's insteadOf rules are added to them.</summary>
    public IReadOnlyDictionary<string, string> DocumentMirrors { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The hosts knowledge documents may come from; empty: any public host on port 443.</summary>
    public IReadOnlyList<string> DocumentHosts { get; init; } = [];

    /// <summary>Where fetched document repositories are kept (see <see cref="DocumentOptions.DefaultCacheDirectory(Func{string, string?})"/>).</summary>
    public string? DocumentCacheDirectory { get; init; }

    /// <summary>Pull-request mode: only what changed between the merge base and head is checked.</summary>
    public bool ChangesOnly => Base is not null || Head is not null;

    /// <summary>How knowledge documents are fetched, for this check and for any later stage that reads them again.</summary>
    public DocumentOptions DocumentOptions => DocumentOptions.Default with
    {
        AllowLocalRepos = AllowLocalRepos,
        Offline = Offline,
        AllowedHosts = DocumentHosts,
        CacheDirectory = DocumentCacheDirectory ?? DocumentOptions.DefaultCacheDirectory(),
        Mirrors = new DocumentMirrors(DocumentMirrors, _gitRewrites.Value),
    };

    private readonly Lazy<IReadOnlyList<(string Prefix, string Replacement)>> _gitRewrites = new(() => Git.GitUrlRewrites.Read());

    /// <summary>The options with the command line's settings first, then the config's <c>validate:</c> section, then the defaults.</summary>
    public ValidationOptions ValidationOptionsWith(ValidateConfig config, RulePolicy policy) => new()
    {
        Strict = Strict || config.Strict == true,
        UntouchedAsNotices = UntouchedAsNotices || config.UntouchedAsNotices == true,
        Limits = YamlLimits.Default with { MaxFileBytes = MaxFileBytes ?? config.MaxFileBytes ?? YamlLimits.Default.MaxFileBytes },
        TokenBudget = new SeedTokenBudget(
            MaxSeedTokens ?? config.MaxSeedTokens ?? SeedTokenBudget.Default.PerExample,
            MaxTotalSeedTokens ?? config.MaxTotalSeedTokens ?? SeedTokenBudget.Default.Total),
        Policy = policy,
    };
}
