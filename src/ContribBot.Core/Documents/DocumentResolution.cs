using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Documents;

/// <summary>What resolving a knowledge leaf's document found: the files, and the problems.</summary>
public sealed record DocumentResolution(IReadOnlyList<DocumentFile> Files, IReadOnlyList<Diagnostic> Diagnostics);
