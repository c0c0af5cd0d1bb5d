using System.Globalization;

namespace ContribBot.Core.Diagnostics;

/// <summary>
/// The fixed facts about one kind of problem: a stable code, a title, a message template, a default severity and a
/// hint that tells a contributor how to fix it. Every code ContribBot can report is one of these, declared as a
/// <c>public static readonly</c> field so that <c>Reports.DiagnosticCatalog</c> can list them all.
/// </summary>
public sealed record DiagnosticDescriptor(
    string Id,
    string Title,
    string MessageFormat,
    Severity DefaultSeverity,
    string Hint,
    DiagnosticCategory Category)
{
    /// <summary>Reported only when a maintainer gives the rule a level (<c>validate.rules</c> or an override).</summary>
    public bool OffByDefault { get; init; }

    /// <summary>The anchor of this code in <c>docs/diagnostics.md</c>; reports link to it when they know where the page is.</summary>
    public string HelpAnchor => Id.ToLowerInvariant();

    public Diagnostic At(string filePath, SourcePosition position, params object?[] messageArguments) =>
        new(this, DefaultSeverity, filePath, position, Format(messageArguments), Hint);

    public string Format(params object?[] messageArguments) =>
        messageArguments.Length == 0
            ? MessageFormat
            : string.Format(CultureInfo.InvariantCulture, MessageFormat, messageArguments);
}
