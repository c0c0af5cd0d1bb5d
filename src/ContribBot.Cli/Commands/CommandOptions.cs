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

    /// <summary>In the order help lists them.</summary>
    public IEnumerable<Option> All => [TeacherUrl, Model, CriticModel, Concurrency, Timeout, MaxRetries, TimeLimit, Config, AllowLocalRepos, Offline];
}
