using ContribBot.Core.Configuration;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Documents;

namespace ContribBot.Core.Validation.Policy;

/// <summary>
/// The rule levels a maintainer set in <c>validate:</c>, applied to each file's diagnostics: an override whose paths
/// match the file beats <c>rules</c>, a later override beats an earlier one, <c>off</c> drops the diagnostic, a rule
/// that is off by default reports only where a level is given for it, and ignored paths are not checked at all. Globs are read as document patterns are, from the taxonomy root.
/// </summary>
public sealed class RulePolicy
{
    private readonly IReadOnlyDictionary<string, RuleLevel> _rules;
    private readonly IReadOnlyList<(IReadOnlyList<DocumentGlob> Paths, IReadOnlyDictionary<string, RuleLevel> Rules)> _overrides;
    private readonly IReadOnlyList<DocumentGlob> _ignore;

    private RulePolicy(
        IReadOnlyDictionary<string, RuleLevel> rules,
        IReadOnlyList<(IReadOnlyList<DocumentGlob> Paths, IReadOnlyDictionary<string, RuleLevel> Rules)> overrides,
        IReadOnlyList<DocumentGlob> ignore)
    {
        _rules = rules;
        _overrides = overrides;
        _ignore = ignore;
    }

    public static RulePolicy None { get; } = new(new Dictionary<string, RuleLevel>(), [], []);

    public bool IsEmpty => _rules.Count == 0 && _overrides.Count == 0 && _ignore.Count == 0;

    /// <param name="knownIds">Every rule id there is (the catalog lives in a later stage, so the caller passes it).</param>
    /// <exception cref="ConfigException">An unknown rule id or a pattern that is not a glob, with its line and column.</exception>
    public static RulePolicy From(ValidateConfig config, string configPath, IReadOnlySet<string> knownIds)
    {
        return new RulePolicy(
            Levels(config.Rules, configPath, knownIds),
            config.Overrides.Select(o => ((IReadOnlyList<DocumentGlob>)Globs(o.Paths, configPath), (IReadOnlyDictionary<string, RuleLevel>)Levels(o.Rules, configPath, knownIds))).ToList(),
            Globs(config.Ignore, configPath));
    }

    /// <summary>True for a file (path from the taxonomy root) under an ignored path.</summary>
    public bool Ignores(string relativePath) => _ignore.Any(glob => glob.IsMatch(relativePath));

    /// <summary>The file's diagnostics at the levels set for it; those set to <c>off</c>, or suppressed in the file, are gone.</summary>
    public IReadOnlyList<Diagnostic> Apply(string relativePath, IReadOnlyList<Diagnostic> diagnostics, InlineSuppressions suppressions)
    {
        if (IsEmpty && suppressions.IsEmpty && !diagnostics.Any(d => d.Descriptor.OffByDefault)) return diagnostics;
        var matching = _overrides.Where(o => o.Paths.Any(glob => glob.IsMatch(relativePath))).Select(o => o.Rules).ToList();
        var result = new List<Diagnostic>(diagnostics.Count);
        foreach (var diagnostic in diagnostics)
        {
            if (suppressions.Silences(diagnostic.Id, diagnostic.Position.Line)) continue;
            var level = matching.LastOrDefault(rules => rules.ContainsKey(diagnostic.Id)) is { } rules ? rules[diagnostic.Id]
                : _rules.TryGetValue(diagnostic.Id, out var set) ? set
                : (RuleLevel?)null;
            switch (level)
            {
                case RuleLevel.Off:
                    continue;
                case null when diagnostic.Descriptor.OffByDefault:
                    continue; // on only when a level is given for it
                case null:
                    result.Add(diagnostic);
                    break;
                case var given:
                    result.Add(diagnostic.WithSeverity(given switch
                    {
                        RuleLevel.Notice => Severity.Info,
                        RuleLevel.Warning => Severity.Warning,
                        _ => Severity.Error,
                    }));
                    break;
            }
        }

        return result;
    }

    private static Dictionary<string, RuleLevel> Levels(IReadOnlyList<RuleLevelSetting> settings, string configPath, IReadOnlySet<string> knownIds)
    {
        var levels = new Dictionary<string, RuleLevel>(StringComparer.Ordinal);
        foreach (var setting in settings)
        {
            if (!knownIds.Contains(setting.Id))
            {
                throw new ConfigException($"{configPath}:{setting.Position.Line}:{setting.Position.Column}: unknown rule '{setting.Id}'; " +
                                          "rule ids look like CB0501 (`contribbot catalog` lists them all).");
            }

            levels[setting.Id] = setting.Level;
        }

        return levels;
    }

    private static List<DocumentGlob> Globs(IReadOnlyList<ConfigPattern> patterns, string configPath) =>
        patterns.Select(pattern => DocumentGlob.Compile(pattern.Pattern) is var compiled && compiled.Glob is { } glob
            ? glob
            : throw new ConfigException($"{configPath}:{pattern.Position.Line}:{pattern.Position.Column}: '{pattern.Pattern}' is not a glob: " +
                                        $"{compiled.Error}.")).ToList();
}
