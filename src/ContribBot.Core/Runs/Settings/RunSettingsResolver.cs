using ContribBot.Core.Configuration;
using ContribBot.Core.Documents;
using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Runs.Settings;

/// <summary>
/// The one place where a run's settings are decided: an option beats the environment, which beats the config file,
/// which beats the default. The token policy lives here too: the workflow's GITHUB_TOKEN is sent only to GitHub
/// Models, never to an endpoint a pull request's config file could name.
/// </summary>
public sealed class RunSettingsResolver(Func<string, string?> environment)
{
    public const string TeacherUrlVariable = "CONTRIBBOT_TEACHER_URL";
    public const string ModelVariable = "CONTRIBBOT_MODEL";
    public const string CriticModelVariable = "CONTRIBBOT_CRITIC_MODEL";
    public const string ApiKeyVariable = "CONTRIBBOT_API_KEY";

    /// <exception cref="ConfigException">The config file is bad, or the teacher is half configured.</exception>
    public ResolvedRunSettings Resolve(IGenerationOptions given)
    {
        var config = ContribBotConfig.Load(given.ConfigFile ?? Path.Combine(given.Path, ContribBotConfig.DefaultRelativePath), required: given.ConfigFile is not null);
        return new ResolvedRunSettings(
            config,
            Generation(given, config),
            given.DryRun ? null : Teacher(given, config),
            DocumentOptions.DefaultCacheDirectory(environment),
            DocsLocation.From(environment));
    }

    /// <summary>No URL and no model: null (a dry run). One without the other is a mistake worth saying.</summary>
    private TeacherSettings? Teacher(IGenerationOptions given, ContribBotConfig config)
    {
        var url = First(given.TeacherUrl, environment(TeacherUrlVariable), config.TeacherUrl);
        var model = First(given.Model, environment(ModelVariable), config.Model);
        if (url is null && model is null) return null;
        // Never called: the requests are written to files for another engine. (.invalid never resolves, RFC 2606.)
        if (url is null && given.AnsweredElsewhere) url = "http://batch-files.invalid/v1";
        if (url is null || model is null)
        {
            throw new ConfigException(url is null
                ? $"a model ('{model}') is set but no teacher URL: give --teacher-url, {TeacherUrlVariable} or teacher.url."
                : $"a teacher URL ({url}) is set but no model: give --model, {ModelVariable} or teacher.model.");
        }

        Uri endpoint;
        try
        {
            endpoint = TeacherSettings.NormalizeEndpoint(url);
        }
        catch (ArgumentException exception)
        {
            throw new ConfigException(exception.Message, exception);
        }

        var defaults = new TeacherSettings(endpoint, model);
        return defaults with
        {
            CriticModel = First(given.CriticModel, environment(CriticModelVariable), config.CriticModel),
            ApiKey = ApiKeyFor(endpoint),
            Concurrency = given.Concurrency ?? config.Concurrency ?? defaults.Concurrency,
            RequestTimeout = TimeSpan.FromSeconds(given.TimeoutSeconds ?? config.TimeoutSeconds ?? (int)defaults.RequestTimeout.TotalSeconds),
            MaxRetries = given.MaxRetries ?? config.MaxRetries ?? defaults.MaxRetries,
            TimeLimit = (given.TimeLimitMinutes ?? config.TimeLimitMinutes ?? given.DefaultTimeLimitMinutes) is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
        };
    }

    /// <summary>CONTRIBBOT_API_KEY for any endpoint; GITHUB_TOKEN only for GitHub Models (see <see cref="TeacherSettings.IsGitHubModels"/>).</summary>
    public string? ApiKeyFor(Uri endpoint) =>
        First(environment(ApiKeyVariable), TeacherSettings.IsGitHubModels(endpoint) ? environment("GITHUB_TOKEN") : null);

    private static GenerationSettings Generation(IGenerationOptions given, ContribBotConfig config)
    {
        var defaults = GenerationSettings.Default;
        var thresholds = new Dictionary<string, int>(defaults.Thresholds, StringComparer.Ordinal);
        foreach (var (name, value) in config.Thresholds) thresholds[name] = value;
        return defaults with
        {
            SamplesPerLeaf = given.Samples ?? config.Samples ?? defaults.SamplesPerLeaf,
            ChunkTokens = config.ChunkTokens ?? defaults.ChunkTokens,
            FullBuildSamplesPerSeed = config.SamplesPerSeed ?? defaults.FullBuildSamplesPerSeed,
            QuestionsPerCall = config.QuestionsPerCall ?? defaults.QuestionsPerCall,
            FullBuildContextsPerSeed = config.ContextsPerSeed ?? defaults.FullBuildContextsPerSeed,
            QuestionsPerContext = config.QuestionsPerContext ?? defaults.QuestionsPerContext,
            PairsPerCall = config.PairsPerCall ?? defaults.PairsPerCall,
            RougeLThreshold = config.RougeLThreshold ?? defaults.RougeLThreshold,
            InputPricePerMillion = config.InputPricePerMillion ?? defaults.InputPricePerMillion,
            OutputPricePerMillion = config.OutputPricePerMillion ?? defaults.OutputPricePerMillion,
            Thresholds = thresholds,
            Evolve = config.Evolve,
            Revise = config.Revise,
            Voices = config.Voices,
            MaxDepth = config.MaxDepth ?? defaults.MaxDepth,
        };
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value))?.Trim();
}
