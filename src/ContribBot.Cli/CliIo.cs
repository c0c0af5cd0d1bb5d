using Spectre.Console;

namespace ContribBot.Cli;

/// <summary>
/// What a command prints to and reads from: its output streams, the environment, and the console that draws progress
/// (null where nobody watches: pipes, CI logs; tests pass Spectre's TestConsole to see what would be drawn).
/// </summary>
public sealed record CliIo(TextWriter Stdout, TextWriter Stderr, Func<string, string?> Environment, IAnsiConsole? Progress);
