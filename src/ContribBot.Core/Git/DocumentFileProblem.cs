using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Git;

/// <summary>Why a matched document file was not taken, and whether the leaf's reading stops there (a cap was reached).</summary>
internal sealed record DocumentFileProblem(DiagnosticDescriptor Descriptor, object?[] Arguments, bool EndsReading = false)
{
    public Diagnostic At(string leafFile, SourcePosition patternPosition) => Descriptor.At(leafFile, patternPosition, Arguments);
}
