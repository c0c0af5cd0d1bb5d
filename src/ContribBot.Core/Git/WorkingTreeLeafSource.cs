using ContribBot.Core.Taxonomy;
using ContribBot.Core.Taxonomy.Sources;
using LibGit2Sharp;

namespace ContribBot.Core.Git;

/// <summary>Reads files from the working tree (uncommitted and untracked changes included); history from HEAD.</summary>
public sealed class WorkingTreeLeafSource(string repositoryRoot) : ILeafSource, IDisposable
{
    private readonly Repository _repository = GitRepositoryOpener.Open(repositoryRoot);

    public LeafBytes? Read(string path, long maxBytes)
    {
        var full = Path.Combine(repositoryRoot, path);
        var info = new FileInfo(full);
        if (!info.Exists) return null;
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target &&
            !LeafFinder.IsInside(Path.GetFullPath(repositoryRoot), target.FullName))
        {
            return new LeafBytes(null, 0, info.LinkTarget);
        }

        if (info.Length > maxBytes) return new LeafBytes(null, info.Length);
        // A FIFO in the working tree would block the read for ever; git can hold no such file, so it is no leaf.
        if (Limits.FileKind.Of(full, followLinks: true) == Limits.FileKindValue.Special) return null;
        return new LeafBytes(File.ReadAllBytes(full), info.Length);
    }

    public AttributionState Attribution(string leafDirectory)
    {
        var info = new FileInfo(Path.Combine(repositoryRoot, leafDirectory, AttributionFile.Name));
        return info.Exists ? AttributionFile.Classify(info.Length, () => File.ReadAllBytes(info.FullName)) : AttributionState.Missing;
    }

    /// <summary>Null when the file differs from HEAD (its latest change is not committed).</summary>
    public LastChange? LastChange(string path)
    {
        if (_repository.RetrieveStatus(path) != FileStatus.Unaltered) return null;
        return _repository.Head.Tip is { } head ? LastChangeFinder.Find(_repository, head, path) : null;
    }

    public void Dispose() => _repository.Dispose();
}
