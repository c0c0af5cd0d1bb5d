using ContribBot.Core.Validation;
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

    /// <summary>Runs a check with a live count of the files done on <paramref name="console"/>; silently without one.</summary>
    public static async Task<T> CountingAsync<T>(IAnsiConsole? console, Func<IProgress<ValidationProgress>?, Task<T>> check)
    {
        if (console is null) return await check(null).ConfigureAwait(false);

        return await console.Progress().AutoClear(true).Columns(new SpinnerColumn(), new TaskDescriptionColumn()).StartAsync(async context =>
        {
            // The tree is walked while it is checked, so the total is unknown until the end: count, do not bar.
            var task = context.AddTask("Validating").IsIndeterminate();
            return await check(new LiveCount(task)).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Updates the terminal line directly from the worker that finished a file. Progress&lt;T&gt; would post to the
    /// thread pool, whose threads are all busy validating, and the count would lag far behind.
    /// </summary>
    private sealed class LiveCount(ProgressTask task) : IProgress<ValidationProgress>
    {
        public void Report(ValidationProgress value) => task.Description = $"Validating: {value.Done:N0} files checked";
    }
}
