using ContribBot.Core.Diagnostics;
using ContribBot.Core.Documents;
using ContribBot.Core.Taxonomy;
using LibGit2Sharp;

namespace ContribBot.Core.Git;

/// <summary>
/// What one leaf's patterns have brought in so far: every path once, every blob's text once (however many paths name
/// it), and the bytes those texts cost, which the caps are measured against.
/// </summary>
internal sealed class LeafDocumentsRead(string repo, string commit)
{
    private readonly List<DocumentFile> _files = [];
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private readonly HashSet<string> _blobs = new(StringComparer.Ordinal);
    private readonly List<string> _texts = [];

    public int FileCount => _files.Count;

    /// <summary>Bytes of the distinct blobs read.</summary>
    public long Bytes { get; private set; }

    public bool Has(string path) => _paths.Contains(path);

    public bool HasBlob(string blobId) => _blobs.Contains(blobId);

    /// <summary>A path whose blob was already read: listed, not read again.</summary>
    public void AddPath(string path, Blob blob)
    {
        _paths.Add(path);
        _files.Add(new DocumentFile(repo, commit, path, blob.Sha, blob.Size));
    }

    public void AddDocument(string path, Blob blob, string text)
    {
        AddPath(path, blob);
        _blobs.Add(blob.Sha);
        _texts.Add(text);
        Bytes += blob.Size;
    }

    public DocumentResolution Resolution(IReadOnlyList<Diagnostic> diagnostics) => new(_files, diagnostics) { Texts = _texts };
}
