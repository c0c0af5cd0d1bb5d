namespace ContribBot.Core.Runs.Checking;

/// <summary>
/// Knowledge documents could not be fetched because their hosts were unreachable, and the run was told to require
/// them (<c>--require-documents</c>): the machine's network failed, so the run is a usage failure (exit 2), not a
/// verdict on the contribution.
/// </summary>
public sealed class DocumentsUnavailableException(string message) : Exception(message)
{
    /// <summary>The failure for these unreachable-host findings (CB0616 messages, each naming its repository).</summary>
    public static DocumentsUnavailableException For(IReadOnlyList<string> findings) => new(
        $"{findings.Count} knowledge document repositor{(findings.Count == 1 ? "y" : "ies")} could not be reached, and --require-documents " +
        "asks for every one: " + string.Join("; ", findings) +
        ". The network of this machine is at fault, not the leaves: fix it, pre-fill the document cache, or use --document-mirror URL=PATH.");
}
