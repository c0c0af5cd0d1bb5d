using System.CommandLine;
using ContribBot.Core.Configuration;

namespace ContribBot.Cli.Commands;

/// <summary>Options several commands take, declared once so their names, help and checks agree.</summary>
internal static class CommandOptions
{
    /// <summary>A positive whole number, or not given (null: the environment or config decides).</summary>
    public static Option<int?> Positive(string name, string helpName, string description)
    {
        var option = new Option<int?>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0) result.AddError($"{name} must be a positive number.");
        });
        return option;
    }

    /// <summary>A positive whole number with a default of its own.</summary>
    public static Option<int> PositiveWithDefault(string name, string helpName, int defaultValue, string description)
    {
        var option = new Option<int>(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0) result.AddError($"{name} must be a positive number.");
        });
        return option;
    }

    /// <summary><c>--document-mirror URL=PATH</c>, repeatable: fetch that document repository from PATH (or another URL) instead.</summary>
    public static Option<string[]> DocumentMirror()
    {
        var option = new Option<string[]>("--document-mirror")
        {
            Description = "Fetch the knowledge-document repository URL from PATH (a local clone or mirror, or another URL) instead; repeatable. git's url.<base>.insteadOf settings are honoured too.",
            HelpName = "URL=PATH",
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(result =>
        {
            try
            {
                Core.Documents.DocumentMirrors.ParsePairs(result.GetValueOrDefault<string[]>() ?? []);
            }
            catch (ArgumentException exception)
            {
                result.AddError(exception.Message);
            }
        });
        return option;
    }

    /// <summary>The mirrors given, by normalized URL.</summary>
    public static IReadOnlyDictionary<string, string> Mirrors(string[]? pairs) => Core.Documents.DocumentMirrors.ParsePairs(pairs ?? []);

    public static Option<bool> RequireDocuments() => new("--require-documents")
    {
        Description = "Fail (exit 2) when a knowledge document's host cannot be reached, instead of warning (CB0616) and going on.",
    };

    /// <summary><c>--max-retries</c> of the teacher calls: zero or more.</summary>
    public static Option<int?> MaxRetries()
    {
        var option = new Option<int?>("--max-retries") { Description = "Retries of a call after 429, 5xx, timeouts and connection failures (default 4).", HelpName = "N" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0) result.AddError("--max-retries cannot be negative.");
        });
        return option;
    }
}

/// <summary>The options of every command that calls the teacher (preview, build): where it is, how calls behave, where documents come from.</summary>
internal sealed class TeacherOptions
{
    public Option<string?> TeacherUrl { get; } = new("--teacher-url") { Description = "OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (env CONTRIBBOT_TEACHER_URL, config teacher.url).", HelpName = "URL" };

    public Option<string?> Model { get; } = new("--model") { Description = "Teacher model (env CONTRIBBOT_MODEL, config teacher.model).", HelpName = "NAME" };

    public Option<string?> CriticModel { get; } = new("--critic-model") { Description = "Critic model (env CONTRIBBOT_CRITIC_MODEL, config teacher.critic_model; default: the teacher).", HelpName = "NAME" };

    public Option<int?> Concurrency { get; } = CommandOptions.Positive("--concurrency", "N", "Calls in flight at once (default 8).");

    public Option<int?> Timeout { get; } = CommandOptions.Positive("--timeout", "SECONDS", "Timeout of one call (default 120).");

    public Option<int?> MaxRetries { get; } = CommandOptions.MaxRetries();

    public Option<int?> TimeLimit { get; } = CommandOptions.Positive("--time-limit", "MINUTES",
        "Longest the run spends calling the teacher, retries included; then it stops and keeps what it has (default: 15 for preview, none for build; config generation.time_limit_minutes).");

    public Option<string?> Config { get; } = new("--config") { Description = $"Settings file (default: PATH/{ContribBotConfig.DefaultRelativePath}).", HelpName = "FILE" };

    public Option<bool> AllowLocalRepos { get; } = new("--allow-local-repos") { Description = "Read knowledge documents from local paths and file:// URLs too." };

    public Option<bool> Offline { get; } = new("--offline") { Description = "Never fetch knowledge documents; use what the cache holds." };

    public Option<string[]> DocumentMirror { get; } = CommandOptions.DocumentMirror();

    public Option<bool> RequireDocuments { get; } = CommandOptions.RequireDocuments();

    /// <summary>In the order help lists them.</summary>
    public IEnumerable<Option> All => [TeacherUrl, Model, CriticModel, Concurrency, Timeout, MaxRetries, TimeLimit, Config, AllowLocalRepos, Offline, DocumentMirror, RequireDocuments];
}
