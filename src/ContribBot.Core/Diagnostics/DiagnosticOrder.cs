namespace ContribBot.Core.Diagnostics;

/// <summary>The order reports list diagnostics in: by file, then position, then code, so output is stable.</summary>
public sealed class DiagnosticOrder : IComparer<Diagnostic>
{
    public static DiagnosticOrder Instance { get; } = new();

    public int Compare(Diagnostic? x, Diagnostic? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var byFile = string.CompareOrdinal(x.FilePath, y.FilePath);
        if (byFile != 0) return byFile;
        var byLine = x.Position.Line.CompareTo(y.Position.Line);
        if (byLine != 0) return byLine;
        var byColumn = x.Position.Column.CompareTo(y.Position.Column);
        if (byColumn != 0) return byColumn;
        var byId = string.CompareOrdinal(x.Id, y.Id);
        return byId != 0 ? byId : string.CompareOrdinal(x.Message, y.Message);
    }
}
