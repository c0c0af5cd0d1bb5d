namespace ContribBot.Cli.Tests;

/// <summary>Runs the real command tree in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs with an empty environment, so the host's variables (a teacher URL, CI) never change the outcome.</summary>
    public static Task<CliRun> RunAsync(params string[] args) => RunWithEnvironmentAsync(new Dictionary<string, string>(), args);

    public static Task<CliRun> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(environment, args, CancellationToken.None);

    /// <summary>With a token the test cancels, as Ctrl+C does.</summary>
    public static Task<CliRun> RunCancellableAsync(CancellationToken cancellationToken, params string[] args) =>
        RunAsync(new Dictionary<string, string>(), args, cancellationToken);

    /// <summary>With a progress console, as on a terminal: the console shows what would be drawn.</summary>
    public static async Task<CliRun> RunWithProgressAsync(Spectre.Console.IAnsiConsole progress, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ContribBotApp.RunAsync(args, new CliIo(stdout, stderr, _ => null, progress), CancellationToken.None);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>With an environment and a token the test cancels.</summary>
    public static Task<CliRun> RunWithEnvironmentCancellableAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args) =>
        RunAsync(environment, args, cancellationToken);

    private static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, string[] args, CancellationToken cancellationToken)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ContribBotApp.RunAsync(args, stdout, stderr, name => environment.GetValueOrDefault(name), cancellationToken);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
