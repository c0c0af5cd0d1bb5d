using System.CommandLine;

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
