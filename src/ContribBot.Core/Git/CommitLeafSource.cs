using ContribBot.Core.Taxonomy.Sources;
using LibGit2Sharp;

namespace ContribBot.Core.Git;

/// <summary>Reads files from a commit's tree in the object database: no checkout, nothing written to disk.</summary>
public sealed class CommitLeafSource : ILeafSource, IDisposable
{
    private readonly Repository _repository;
    private readonly Commit _commit;

    public CommitLeafSource(string repositoryRoot, string commitSha)
    {
        _repository = GitRepositoryOpener.Open(repositoryRoot);
        _commit = _repository.Lookup<Commit>(commitSha) ?? throw new GitInputException($"Commit {commitSha} is not in the repository.");
    }

    public LeafBytes? Read(string path, long maxBytes) => Translated(path, () => ReadEntry(path, maxBytes));

    public AttributionState Attribution(string leafDirectory) => Translated(leafDirectory, () =>
    {
        var path = leafDirectory.Length == 0 ? AttributionFile.Name : $"{leafDirectory}/{AttributionFile.Name}";
        if (_commit[path]?.Target is not Blob blob) return AttributionState.Missing;
        return AttributionFile.Classify(blob.Size, () => ReadBlob(blob, AttributionFile.ContentCheckLimit).Content ?? []);
    });

    public LastChange? LastChange(string path) => LastChangeFinder.Find(_repository, _commit, path);

    public void Dispose() => _repository.Dispose();

    private static T Translated<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (LibGit2SharpException exception)
        {
            throw new GitReadException($"{path}: {exception.Message.TrimEnd('.')}", exception);
        }
    }

    private LeafBytes? ReadEntry(string path, long maxBytes)
    {
        if (_commit[path] is not { } entry) return null;
        if (entry.Mode == Mode.SymbolicLink)
        {
            // A link's blob holds its target. Follow it only within the repository's tree.
            var target = ReadBlob((Blob)entry.Target, maxBytes).Content is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : string.Empty;
            var resolved = Normalize(Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, target));
            return resolved is null || _commit[resolved]?.Target is not Blob linked
                ? new LeafBytes(null, 0, target)
                : ReadBlob(linked, maxBytes);
        }

        return entry.Target is Blob blob ? ReadBlob(blob, maxBytes) : null;
    }

    private static LeafBytes ReadBlob(Blob blob, long maxBytes)
    {
        if (blob.Size > maxBytes) return new LeafBytes(null, blob.Size);
        using var stream = blob.GetContentStream();
        using var memory = new MemoryStream((int)blob.Size);
        stream.CopyTo(memory);
        return new LeafBytes(memory.ToArray(), blob.Size);
    }

    /// <summary>Resolves '.' and '..' in a repository path; null when it climbs out of the repository.</summary>
    private static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }
}
