using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Configuration;

/// <summary>
/// The <c>validate:</c> section of <c>.github/contribbot.yml</c>: which rules report at which level, where, which
/// paths are not checked, and the limits the command line also sets (which win). Positions are kept so that a rule id
/// or pattern found wrong later (the rule catalog is a later stage) is still reported at its line and column.
/// </summary>
public sealed record ValidateConfig
{
    public static ValidateConfig Empty { get; } = new();

    public IReadOnlyList<RuleLevelSetting> Rules { get; init; } = [];

    public IReadOnlyList<RuleOverride> Overrides { get; init; } = [];

    /// <summary>Globs from the taxonomy root of files that are not checked at all.</summary>
    public IReadOnlyList<ConfigPattern> Ignore { get; init; } = [];

    public long? MaxFileBytes { get; init; }

    public int? MaxSeedTokens { get; init; }

    public int? MaxTotalSeedTokens { get; init; }

    public bool? Strict { get; init; }

    /// <summary>Pull-request mode: warnings on lines the change did not touch are shown as notices.</summary>
    public bool? UntouchedAsNotices { get; init; }
}

/// <summary>One rule id and the level it reports at (<see cref="RuleLevel.Off"/>: not at all).</summary>
public sealed record RuleLevelSetting(string Id, RuleLevel Level, SourcePosition Position);

/// <summary>Levels for the rules of files under some paths; a later override wins over an earlier one and over <c>rules</c>.</summary>
public sealed record RuleOverride(IReadOnlyList<ConfigPattern> Paths, IReadOnlyList<RuleLevelSetting> Rules);

/// <summary>A glob from the config, with where it is written.</summary>
public sealed record ConfigPattern(string Pattern, SourcePosition Position);

/// <summary>The level a maintainer gives a rule: <c>off | notice | warning | error</c>.</summary>
public enum RuleLevel
{
    Off,
    Notice,
    Warning,
    Error,
}
