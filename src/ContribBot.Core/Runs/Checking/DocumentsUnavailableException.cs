namespace ContribBot.Core.Runs.Checking;

/// <summary>
/// Knowledge documents could not be fetched because their hosts were unreachable, and the run was told to require
/// them (<c>--require-documents</c>): the machine's network failed, so the run is a usage failure (exit 2), not a
/// verdict on the contribution.
/// </summary>
public sealed class DocumentsUnavailableException(string message) : Exception(message);
