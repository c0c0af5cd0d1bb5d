using System.CommandLine;
using ContribBot.Core.Reports;

namespace ContribBot.Cli.Commands;

/// <summary><c>contribbot catalog</c>: prints the diagnostic catalog (the source of docs/diagnostics.md).</summary>
public static class CatalogCommand
{
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("catalog", "Print every diagnostic code with its title, severity and fix hint, as Markdown.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await stdout.WriteAsync(DiagnosticCatalogPage.Render().AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
