using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Taxonomy;

/// <summary>The decoded text of a file (null when it could not be decoded) and what was wrong with its bytes.</summary>
public sealed record SourceText(string? Text, IReadOnlyList<Diagnostic> Diagnostics);
