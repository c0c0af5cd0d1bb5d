using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Documents;

/// <summary>What resolving a knowledge leaf's document found: the files, their text (UTF-8), and the problems.</summary>
public sealed record DocumentResolution(IReadOnlyList<DocumentFile> Files, IReadOnlyList<Diagnostic> Diagnostics)
{
    public IReadOnlyList<string> Texts { get; init; } = [];
}
