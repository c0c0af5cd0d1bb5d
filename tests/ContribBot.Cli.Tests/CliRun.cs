namespace ContribBot.Cli.Tests;

/// <summary>Runs the real command tree in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs with an empty environment, so the host's variables (a teacher URL, CI) never change the outcome.</summary>
    public static Task<CliRun> RunAsync(params string[] args) => RunWithEnvironmentAsync(new Dictionary<string, string>(), args);

    public static async Task<CliRun> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ContribBotApp.RunAsync(args, stdout, stderr, name => environment.GetValueOrDefault(name), CancellationToken.None);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
