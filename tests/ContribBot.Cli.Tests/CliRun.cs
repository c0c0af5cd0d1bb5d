using System.Diagnostics;

namespace ContribBot.Cli.Tests;

/// <summary>
/// Runs the real command tree and captures what it prints: in-process, or, when <c>CONTRIBBOT_CLI_BINARY</c> names a
/// published command (the native one the action ships), as that program in a child process, so the whole suite
/// checks the shipped build too (.ci/run does both).
/// </summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs with an empty environment, so the host's variables (a teacher URL, CI) never change the outcome.</summary>
    public static Task<CliRun> RunAsync(params string[] args) => RunWithEnvironmentAsync(new Dictionary<string, string>(), args);

    public static Task<CliRun> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(environment, args, CancellationToken.None);

    /// <summary>With a token the test cancels, as Ctrl+C does.</summary>
    public static Task<CliRun> RunCancellableAsync(CancellationToken cancellationToken, params string[] args) =>
        RunAsync(new Dictionary<string, string>(), args, cancellationToken);

    /// <summary>With a progress console, as on a terminal: the console shows what would be drawn (always in-process).</summary>
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
        if (ShippedBinary.Path is { } binary) return await ShippedBinary.RunAsync(binary, environment, args, cancellationToken);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ContribBotApp.RunAsync(args, stdout, stderr, name => environment.GetValueOrDefault(name), cancellationToken);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// Starts the command as a real child process (the native binary when CONTRIBBOT_CLI_BINARY names it, else the
    /// built assembly under dotnet), with only the given environment: for tests that must kill it.
    /// </summary>
    public static Process StartChild(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = ShippedBinary.Path is { } binary ? new ProcessStartInfo(binary) : new ProcessStartInfo("dotnet") { ArgumentList = { BuiltAssembly() } };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "TMPDIR", "DOTNET_ROOT" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value) start.Environment[name] = value;
        }

        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start contribbot");
    }

    /// <summary>contribbot.dll as built beside these tests (same configuration).</summary>
    private static string BuiltAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // …/bin/CONFIGURATION/net10.0/
        return System.IO.Path.Combine(Testing.RepositoryPaths.Root, "src", "ContribBot.Cli", "bin", configuration, "net10.0", "contribbot.dll");
    }

    private static class ShippedBinary
    {
        /// <summary>The published command to run instead of the in-process one; named and missing is a failure, never a fallback.</summary>
        public static string? Path { get; } = Environment.GetEnvironmentVariable("CONTRIBBOT_CLI_BINARY") is { Length: > 0 } path
            ? File.Exists(path) ? System.IO.Path.GetFullPath(path) : throw new FileNotFoundException($"CONTRIBBOT_CLI_BINARY names {path}, which does not exist")
            : null;

        /// <summary>
        /// The child gets only what a program needs to run (PATH, HOME, a temp folder) and the test's variables, as the
        /// in-process run sees only the test's; a cancelled token is Ctrl+C (SIGINT), as a user would send it.
        /// </summary>
        public static async Task<CliRun> RunAsync(string binary, IReadOnlyDictionary<string, string> environment, string[] args, CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo(binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = Environment.CurrentDirectory,
            };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            start.Environment.Clear();
            foreach (var name in new[] { "PATH", "HOME", "TMPDIR" })
            {
                if (Environment.GetEnvironmentVariable(name) is { } value) start.Environment[name] = value;
            }

            foreach (var (name, value) in environment) start.Environment[name] = value;

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            await using (cancellationToken.Register(() => Interrupt(process)))
            {
                await process.WaitForExitAsync(CancellationToken.None);
            }

            return new CliRun(process.ExitCode, await stdout, await stderr);
        }

        private static void Interrupt(Process process)
        {
            using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }
}
