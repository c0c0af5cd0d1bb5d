using Spectre.Console;

namespace ContribBot.Cli;

/// <summary>
/// Progress display on stderr, only where a person is watching: stderr is the process's own and a terminal, and this
/// is not CI (whose logs would fill with redraws). Everywhere else commands run silently.
/// </summary>
internal static class ProgressConsole
{
    /// <summary>A console drawing on stderr, or null when progress should not be drawn.</summary>
    public static IAnsiConsole? For(TextWriter stderr, Func<string, string?> environment)
    {
        if (!ReferenceEquals(stderr, Console.Error) || Console.IsErrorRedirected || !string.IsNullOrEmpty(environment("CI"))) return null;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = InteractionSupport.Yes, // stderr is a terminal (checked above); Spectre would look at stdout
        });
    }
}
