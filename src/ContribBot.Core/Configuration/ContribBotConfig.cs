using System.Globalization;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Limits;
using ContribBot.Core.Taxonomy;
using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Configuration;

/// <summary>
/// <c>.github/contribbot.yml</c> in the taxonomy repository: the teacher endpoint and generation settings a team
/// shares. Command-line options and environment variables override it. Secrets (the API key) never go here.
/// Unknown keys are errors, so a typo does not silently leave a default in force.
/// </summary>
public sealed record ContribBotConfig
{
    public const string DefaultRelativePath = ".github/contribbot.yml";

    /// <summary>Below it a knowledge chunk holds too little to ask about (and the chunker needs room to cut).</summary>
    public const int MinChunkTokens = 100;

    /// <summary>Above it one chunk and the prompt no longer fit a small teacher's context.</summary>
    public const int MaxChunkTokens = 8_000;

    public static ContribBotConfig Empty { get; } = new();

    public string? TeacherUrl { get; init; }

    public string? Model { get; init; }

    public string? CriticModel { get; init; }

    public int? Samples { get; init; }

    public int? Concurrency { get; init; }

    public int? TimeoutSeconds { get; init; }

    public int? MaxRetries { get; init; }

    public int? TimeLimitMinutes { get; init; }

    public int? ChunkTokens { get; init; }

    public int? SamplesPerSeed { get; init; }

    /// <summary>Freeform skills: questions asked for per generation call.</summary>
    public int? QuestionsPerCall { get; init; }

    /// <summary>Grounded skills, full build: new contexts per seed.</summary>
    public int? ContextsPerSeed { get; init; }

    public int? QuestionsPerContext { get; init; }

    /// <summary>Knowledge: question-and-answer pairs per chunk and seed.</summary>
    public int? PairsPerCall { get; init; }

    /// <summary>The system message of every training row the build writes.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>
    /// <c>build.near_duplicates</c>: drop rows whose word shingles have at least this Jaccard similarity with a row kept
    /// before them anywhere in the dataset (MinHash with LSH bands); null: off.
    /// </summary>
    public double? NearDuplicates { get; init; }

    /// <summary>
    /// <c>build.decontaminate</c>: evaluation sets (JSON Lines, paths from the taxonomy root) whose items, and the
    /// seeds, generated rows must not hold; null: off.
    /// </summary>
    public IReadOnlyList<string>? Decontaminate { get; init; }

    /// <summary>The <c>gates:</c> section: the least a leaf's generated data must reach to go into the dataset.</summary>
    public GateSettings Gates { get; init; } = GateSettings.None;

    /// <summary><c>build.personal_data</c>: drop or mask generated rows that hold what looks like personal data; null: off.</summary>
    public Generation.Filters.PersonalDataAction? PersonalData { get; init; }

    public double? RougeLThreshold { get; init; }

    /// <summary><c>evolve:</c> Evol-Instruct for skills; null: off.</summary>
    public EvolutionSettings? Evolve { get; init; }

    /// <summary><c>revise:</c> critique and revise; null: off.</summary>
    public RevisionSettings? Revise { get; init; }

    /// <summary><c>represent:</c> the voices knowledge is re-represented in; empty: off.</summary>
    public IReadOnlyList<Voice> Voices { get; init; } = [];

    /// <summary><c>lineage.max_depth</c>: how many times a row's text may have been written from generated text; null: 1.</summary>
    public int? MaxDepth { get; init; }

    /// <summary><c>mix:</c> local datasets replayed beside the synthetic rows; empty: none.</summary>
    public IReadOnlyList<MixSource> Mix { get; init; } = [];

    public decimal? InputPricePerMillion { get; init; }

    public decimal? OutputPricePerMillion { get; init; }

    /// <summary>The hosts knowledge documents may come from (<c>documents.allowed_hosts</c>); empty: any public host.</summary>
    public IReadOnlyList<string> DocumentHosts { get; init; } = [];

    /// <summary>The <c>validate:</c> section: rule levels, per-path overrides, ignored paths, limits.</summary>
    public ValidateConfig Validate { get; init; } = ValidateConfig.Empty;

    public IReadOnlyDictionary<string, int> Thresholds { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The file's settings, <see cref="Empty"/> when it does not exist and <paramref name="required"/> is false.</summary>
    /// <exception cref="ConfigException">The file is missing (when required), unreadable, or holds an unknown key or a bad value.</exception>
    public static ContribBotConfig Load(string path, bool required)
    {
        if (!File.Exists(path))
        {
            return required ? throw new ConfigException($"{path}: configuration file not found.") : Empty;
        }

        var bytes = ReadSettingsFile(path, fromTree: !required);
        var text = SourceDecoder.Decode(path, bytes).Text ?? throw new ConfigException($"{path}: not UTF-8 text.");
        var read = YamlReader.Read(path, text, YamlLimits.Default);
        if (read.Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error) is { } error) throw new ConfigException($"{Where(path, error.Position)}: {error.Message}");
        return read.Document?.Root switch
        {
            null or YamlScalar { Type: YamlScalarType.Null } => Empty,
            YamlMapping root => Parse(path, root),
            var other => throw new ConfigException($"{Where(path, other.Start)}: expected a mapping of settings, found {other.Description}."),
        };
    }

    /// <summary>
    /// The file's bytes, at most 64 KiB. The default file is the taxonomy's own, perhaps a pull request's: it must be a
    /// regular file in the tree, not a link out of it (to /dev/zero, to a secret). A file named with --config is the
    /// caller's choice, and may be a link, but never a FIFO or device, which would block or never end.
    /// </summary>
    private static byte[] ReadSettingsFile(string path, bool fromTree)
    {
        const int maxBytes = 64 * 1024;
        var own = FileKind.Of(path, followLinks: false);
        var folder = FileKind.Of(Path.GetDirectoryName(Path.GetFullPath(path))!, followLinks: false);
        if (fromTree && (own == FileKindValue.SymbolicLink || folder == FileKindValue.SymbolicLink))
        {
            throw new ConfigException($"{path}: the settings file (or its folder) is a symbolic link; commit it as a regular file in the repository.");
        }

        if (FileKind.Of(path, followLinks: true) == FileKindValue.Special)
        {
            throw new ConfigException($"{path}: not a regular file (a FIFO, socket or device); settings are read from a regular file.");
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (file.Length > maxBytes) throw new ConfigException($"{path}: configuration file is larger than 64 KiB.");
        using var bounded = new BoundedReadStream(file, maxBytes);
        using var bytes = new MemoryStream();
        try
        {
            bounded.CopyTo(bytes);
        }
        catch (InvalidDataException)
        {
            throw new ConfigException($"{path}: configuration file is larger than 64 KiB.");
        }

        return bytes.ToArray();
    }

    private static ContribBotConfig Parse(string path, YamlMapping root)
    {
        var config = Empty;
        foreach (var section in root.Entries)
        {
            var name = KeyName(path, section);
            // The sections that are lists, or a switch, rather than key: value lines.
            switch (name, section.Value)
            {
                case ("represent", _):
                    config = config with { Voices = MethodSettingsParser.Voices(path, section.Value) };
                    continue;
                case ("mix", _):
                    config = config with { Mix = MixSource.Parse(path, section.Value) };
                    continue;
                case ("revise", YamlScalar):
                    config = config with { Revise = MethodSettingsParser.RevisionSwitch(path, section.Value) };
                    continue;
                case ("evolve", YamlScalar):
                    config = config with { Evolve = MethodSettingsParser.EvolutionSwitch(path, section.Value) };
                    continue;
            }

            if (section.Value is not YamlMapping body)
            {
                throw new ConfigException($"{Where(path, section.Value.Start)}: '{name}' holds settings (key: value lines below it).");
            }

            if (name == "validate")
            {
                config = config with { Validate = ParseValidate(path, body) };
                continue;
            }

            if (name == "evolve")
            {
                config = config with { Evolve = MethodSettingsParser.Evolution(path, body) };
                continue;
            }

            if (name == "revise")
            {
                config = config with { Revise = MethodSettingsParser.Revision(path, body) };
                continue;
            }

            foreach (var entry in body.Entries)
            {
                config = (name, KeyName(path, entry)) switch
                {
                    ("teacher", "url") => config with { TeacherUrl = Text(path, entry) },
                    ("teacher", "model") => config with { Model = Text(path, entry) },
                    ("teacher", "critic_model") => config with { CriticModel = Text(path, entry) },
                    ("preview", "samples") => config with { Samples = Integer(path, entry, 1, 100) },
                    ("generation", "concurrency") => config with { Concurrency = Integer(path, entry, 1, 64) },
                    // The file may be a pull request's own: every limit is held to a range that keeps a run bounded.
                    ("generation", "timeout_seconds") => config with { TimeoutSeconds = Integer(path, entry, 1, 600) },
                    ("generation", "max_retries") => config with { MaxRetries = Integer(path, entry, 0, 10) },
                    ("generation", "time_limit_minutes") => config with { TimeLimitMinutes = Integer(path, entry, 1, 24 * 60) },
                    ("generation", "chunk_tokens") => config with { ChunkTokens = Integer(path, entry, MinChunkTokens, MaxChunkTokens) },
                    ("generation", "samples_per_seed") => config with { SamplesPerSeed = Integer(path, entry, 1, 10_000) },
                    ("generation", "questions_per_call") => config with { QuestionsPerCall = Integer(path, entry, 3, 50) },
                    ("generation", "contexts_per_seed") => config with { ContextsPerSeed = Integer(path, entry, 1, 1_000) },
                    ("generation", "questions_per_context") => config with { QuestionsPerContext = Integer(path, entry, 1, 50) },
                    ("generation", "pairs_per_call") => config with { PairsPerCall = Integer(path, entry, 1, 50) },
                    ("build", "system_prompt") => config with { SystemPrompt = Text(path, entry) },
                    ("build", "near_duplicates") => config with { NearDuplicates = (double)Number(path, entry, 0.5m, 1) },
                    ("build", "decontaminate") => config with { Decontaminate = ParsePaths(path, entry) },
                    ("build", "personal_data") => config with
                    {
                        PersonalData = entry.Value is YamlScalar { Text: "drop" } ? Generation.Filters.PersonalDataAction.Drop
                            : entry.Value is YamlScalar { Text: "mask" } ? Generation.Filters.PersonalDataAction.Mask
                            : throw new ConfigException($"{Where(path, entry.Value.Start)}: build.personal_data is drop or mask."),
                    },
                    ("generation", "rouge_l_threshold") => config with { RougeLThreshold = (double)Number(path, entry, 0, 1) },
                    ("generation", "price_input_per_million") => config with { InputPricePerMillion = Number(path, entry, 0, 1000) },
                    ("generation", "price_output_per_million") => config with { OutputPricePerMillion = Number(path, entry, 0, 1000) },
                    ("generation", "thresholds") => config with { Thresholds = ParseThresholds(path, entry) },
                    ("documents", "allowed_hosts") => config with { DocumentHosts = ParseHosts(path, entry) },
                    ("gates", "min_pass_rate") => config with { Gates = config.Gates with { MinPassRate = (double)Number(path, entry, 0, 1) } },
                    ("gates", "max_seed_copy_share") => config with { Gates = config.Gates with { MaxSeedCopyShare = (double)Number(path, entry, 0, 1) } },
                    ("gates", "min_distinct_2") => config with { Gates = config.Gates with { MinDistinct2 = (double)Number(path, entry, 0, 1) } },
                    ("gates", "max_synthetic_share") => config with { Gates = config.Gates with { MaxSyntheticShare = (double)Number(path, entry, 0, 1) } },
                    ("lineage", "max_depth") => config with { MaxDepth = Integer(path, entry, 1, EvolutionSettings.MaxDepth) },
                    ("decontaminate", _) => throw new ConfigException($"{Where(path, entry.Key.Start)}: decontaminate is a setting of build: write it as build.decontaminate: [evals/set.jsonl]."),
                    (_, var key) => throw new ConfigException(
                        $"{Where(path, entry.Key.Start)}: unknown setting '{name}.{key}'. Known: teacher.url, teacher.model, teacher.critic_model, " +
                        "preview.samples, generation.concurrency, timeout_seconds, max_retries, time_limit_minutes, chunk_tokens, samples_per_seed, questions_per_call, " +
                        "contexts_per_seed, questions_per_context, pairs_per_call, rouge_l_threshold, price_input_per_million, " +
                        "price_output_per_million, thresholds, build.system_prompt, build.near_duplicates, build.decontaminate, build.personal_data, documents.allowed_hosts, gates.min_pass_rate, gates.max_seed_copy_share, gates.min_distinct_2, gates.max_synthetic_share, lineage.max_depth, evolve.*, revise.*, represent, mix, validate.*."),
                };
            }
        }

        return config;
    }

    /// <summary>Relative paths inside the taxonomy (no '..', not rooted): the file may be a pull request's own.</summary>
    private static List<string> ParsePaths(string path, YamlMappingEntry entry)
    {
        if (entry.Value is not YamlSequence items || items.Items.Count > 32 || items.Items.Any(item => item is not YamlScalar))
        {
            throw new ConfigException($"{Where(path, entry.Value.Start)}: decontaminate is a list of at most 32 JSON Lines files, e.g. [evals/mmlu.jsonl].");
        }

        return items.Items.Cast<YamlScalar>().Select(item =>
        {
            var file = item.Text.Trim();
            if (!RelativePaths.StaysInside(file))
            {
                throw new ConfigException($"{Where(path, item.Start)}: '{file}' must be a path inside the taxonomy (relative, without '..').");
            }

            return file;
        }).ToList();
    }

    private static Dictionary<string, int> ParseThresholds(string path, YamlMappingEntry entry)
    {
        if (entry.Value is not YamlMapping scores) throw new ConfigException($"{Where(path, entry.Value.Start)}: thresholds maps a score name to its lowest kept value.");
        var known = Generation.GenerationSettings.Default.Thresholds;
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var score in scores.Entries)
        {
            var name = KeyName(path, score);
            if (!known.ContainsKey(name))
            {
                throw new ConfigException($"{Where(path, score.Key.Start)}: unknown score '{name}'. Known: {string.Join(", ", known.Keys)}.");
            }

            result[name] = NonNegative(path, score);
        }

        return result;
    }

    private static ValidateConfig ParseValidate(string path, YamlMapping body)
    {
        var validate = ValidateConfig.Empty;
        foreach (var entry in body.Entries)
        {
            validate = KeyName(path, entry) switch
            {
                "rules" => validate with { Rules = ParseRuleLevels(path, entry.Value) },
                "overrides" => validate with { Overrides = ParseOverrides(path, entry.Value) },
                "ignore" => validate with { Ignore = ParsePatterns(path, entry.Value, "ignore") },
                "max_file_size" => validate with { MaxFileBytes = Integer(path, entry, 1, 64 * 1024 * 1024) },
                "max_seed_tokens" => validate with { MaxSeedTokens = Integer(path, entry, 1, 1_000_000) },
                "max_total_seed_tokens" => validate with { MaxTotalSeedTokens = Integer(path, entry, 1, 1_000_000) },
                "strict" => validate with { Strict = Boolean(path, entry) },
                "untouched_as_notices" => validate with { UntouchedAsNotices = Boolean(path, entry) },
                var key => throw new ConfigException(
                    $"{Where(path, entry.Key.Start)}: unknown setting 'validate.{key}'. Known: rules, overrides, ignore, max_file_size, " +
                    "max_seed_tokens, max_total_seed_tokens, strict, untouched_as_notices."),
            };
        }

        return validate;
    }

    private static List<RuleLevelSetting> ParseRuleLevels(string path, YamlNode node)
    {
        if (node is not YamlMapping rules) throw new ConfigException($"{Where(path, node.Start)}: rules maps a rule id to off, notice, warning or error, e.g. {{ CB0501: off }}.");
        return rules.Entries.Select(rule =>
        {
            var id = KeyName(path, rule);
            var level = rule.Value is YamlScalar scalar ? scalar.Text.Trim().ToLowerInvariant() : null;
            // `off` is a YAML 1.1 boolean (false); it is read here by its text, as the maintainer wrote it.
            return new RuleLevelSetting(id, level switch
            {
                "off" or "false" or "no" => RuleLevel.Off,
                "notice" or "info" => RuleLevel.Notice,
                "warning" => RuleLevel.Warning,
                "error" => RuleLevel.Error,
                _ => throw new ConfigException($"{Where(path, rule.Value.Start)}: the level of {id} must be off, notice, warning or error."),
            }, rule.Key.Start);
        }).ToList();
    }

    private static List<RuleOverride> ParseOverrides(string path, YamlNode node)
    {
        if (node is not YamlSequence items) throw new ConfigException($"{Where(path, node.Start)}: overrides is a list of {{ paths: [...], rules: {{...}} }}.");
        return items.Items.Select(item =>
        {
            if (item is not YamlMapping fields || fields["paths"] is not { } paths || fields["rules"] is not { } rules)
            {
                throw new ConfigException($"{Where(path, item.Start)}: an override needs `paths` (a list of globs) and `rules` (rule id: level).");
            }

            if (fields.Entries.FirstOrDefault(field => KeyName(path, field) is not ("paths" or "rules")) is { } extra)
            {
                throw new ConfigException($"{Where(path, extra.Key.Start)}: unknown setting '{KeyName(path, extra)}' in an override. Known: paths, rules.");
            }

            return new RuleOverride(ParsePatterns(path, paths, "paths"), ParseRuleLevels(path, rules));
        }).ToList();
    }

    private static List<ConfigPattern> ParsePatterns(string path, YamlNode node, string name)
    {
        if (node is not YamlSequence patterns) throw new ConfigException($"{Where(path, node.Start)}: {name} is a list of globs from the taxonomy root, e.g. [\"archive/**\"].");
        return patterns.Items.Select(item => item is YamlScalar { Type: YamlScalarType.String, Text.Length: > 0 } pattern
            ? new ConfigPattern(pattern.Text.Trim(), pattern.Start)
            : throw new ConfigException($"{Where(path, item.Start)}: expected a glob such as \"archive/**\" (quote it).")).ToList();
    }

    internal static bool Boolean(string path, YamlMappingEntry entry) =>
        entry.Value is YamlScalar { Type: YamlScalarType.Boolean } scalar
            ? scalar.Text.ToLowerInvariant() is "true" or "yes" or "on"
            : throw new ConfigException($"{Where(path, entry.Value.Start)}: expected true or false.");

    private static List<string> ParseHosts(string path, YamlMappingEntry entry)
    {
        if (entry.Value is not YamlSequence hosts) throw new ConfigException($"{Where(path, entry.Value.Start)}: allowed_hosts is a list of host names, e.g. [github.com, gitlab.com].");
        return hosts.Items.Select(item => item is YamlScalar { Type: YamlScalarType.String } host && IsHost(host.Text.Trim())
            ? host.Text.Trim()
            : throw new ConfigException($"{Where(path, item.Start)}: expected a host name such as github.com, or host:port.")).ToList();
    }

    private static bool IsHost(string text) =>
        text.Length is > 0 and <= 260 && Uri.CheckHostName(text.Split(':')[0]) != UriHostNameType.Unknown && !text.Contains('/', StringComparison.Ordinal);

    internal static string KeyName(string path, YamlMappingEntry entry) =>
        entry.Key is YamlScalar key ? key.Text : throw new ConfigException($"{Where(path, entry.Key.Start)}: keys must be plain words.");

    internal static string Text(string path, YamlMappingEntry entry) =>
        entry.Value is YamlScalar { Type: YamlScalarType.String, Text.Length: > 0 } scalar
            ? scalar.Text.Trim()
            : throw new ConfigException($"{Where(path, entry.Value.Start)}: expected text (quote it if it looks like a number or yes/no).");

    private static int NonNegative(string path, YamlMappingEntry entry) => Integer(path, entry, 0, 1_000_000);

    internal static int Integer(string path, YamlMappingEntry entry, int minimum, int maximum) =>
        entry.Value is YamlScalar scalar && int.TryParse(scalar.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : throw new ConfigException($"{Where(path, entry.Value.Start)}: expected a whole number from {minimum} to {maximum}.");

    internal static decimal Number(string path, YamlMappingEntry entry, decimal minimum, decimal maximum) =>
        entry.Value is YamlScalar scalar && decimal.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : throw new ConfigException($"{Where(path, entry.Value.Start)}: expected a number from {minimum} to {maximum}.");

    internal static string Where(string path, SourcePosition position) => $"{path}:{position.Line}:{position.Column}";
}
