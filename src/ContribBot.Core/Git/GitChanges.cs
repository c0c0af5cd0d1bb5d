using LibGit2Sharp;

namespace ContribBot.Core.Git;

/// <summary>
/// Finds what a pull request changes, reading git objects directly through LibGit2Sharp (no checkout and no git
/// process): the merge base of base and head, then a tree-to-tree diff with rename and copy detection, whose cost
/// follows the size of the change because unchanged subtrees share ids and are skipped. Without a head ref the
/// working tree is compared, counting staged, unstaged and untracked files as `ilab taxonomy diff` does.
/// </summary>
public static class GitChanges
{
    /// <summary>Tried in order when no base is given.</summary>
    public static IReadOnlyList<string> DefaultBases { get; } = ["origin/main", "main"];

    public static ChangeSet Find(string path, string? baseRef, string? headRef)
    {
        var root = GitRepositoryRoot.Find(path) ?? throw GitInputException.NotARepository(path);
        using var repo = GitRepositoryOpener.Open(root);
        var (baseName, baseCommit) = ResolveBase(repo, baseRef);
        var head = headRef is null ? repo.Head.Tip : Resolve(repo, headRef) ?? throw GitInputException.UnknownRef(headRef, Candidates(headRef));
        if (head is null) throw new GitInputException("The repository has no commits yet; there is nothing to compare with.");

        var mergeBase = repo.ObjectDatabase.FindMergeBase(baseCommit, head)
            ?? throw GitInputException.NoMergeBase(baseName, headRef is null ? "HEAD" : $"'{headRef}'", repo.Info.IsShallow);
        var options = new CompareOptions { Similarity = SimilarityOptions.Copies };
        var files = new List<ChangedFile>();
        if (headRef is not null)
        {
            files.AddRange(repo.Diff.Compare<TreeChanges>(mergeBase.Tree, head.Tree, options).Select(ToChangedFile).OfType<ChangedFile>());
        }
        else
        {
            var changes = repo.Diff.Compare<TreeChanges>(mergeBase.Tree, DiffTargets.Index | DiffTargets.WorkingDirectory, null, null, options);
            files.AddRange(changes.Select(ToChangedFile).OfType<ChangedFile>());
            var untracked = repo.RetrieveStatus(new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = true, IncludeIgnored = false })
                .Untracked.Select(entry => new ChangedFile(entry.FilePath, null, ChangeKind.Added));
            files.AddRange(untracked.Where(file => files.All(known => known.Path != file.Path)));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var touched = TouchedLines(repo, mergeBase, headRef is null ? null : head, files);
        var workdir = repo.Info.WorkingDirectory ?? root;
        return new ChangeSet(Path.GetFullPath(workdir), baseName, mergeBase.Sha, headRef, headRef is null ? null : head.Sha,
            files.Select(file => touched.TryGetValue(file.Path, out var lines) ? file with { TouchedLines = lines } : file).ToList())
        {
            FoldersAtBase = FoldersAtBase(mergeBase.Tree, files),
        };
    }

    /// <summary>
    /// For each modified, renamed or copied YAML file, the lines of its new version that the change added or
    /// rewrote (a unified diff's added lines), so findings elsewhere in the file can be told apart.
    /// </summary>
    private static Dictionary<string, IReadOnlySet<int>> TouchedLines(Repository repo, Commit mergeBase, Commit? head, List<ChangedFile> files)
    {
        var compared = files.Where(file => file.Kind is ChangeKind.Modified or ChangeKind.Renamed or ChangeKind.Copied && IsYaml(file.Path)).ToList();
        var result = new Dictionary<string, IReadOnlySet<int>>(StringComparer.Ordinal);
        if (compared.Count == 0) return result;
        var paths = compared.SelectMany(file => file.OldPath is null ? [file.Path] : new[] { file.Path, file.OldPath }).Distinct().ToList();
        var options = new CompareOptions { Similarity = SimilarityOptions.Copies, ContextLines = 0 };
        using var patch = head is not null
            ? repo.Diff.Compare<Patch>(mergeBase.Tree, head.Tree, paths, options)
            : repo.Diff.Compare<Patch>(mergeBase.Tree, DiffTargets.Index | DiffTargets.WorkingDirectory, paths, null, options);
        foreach (var entry in patch)
        {
            if (entry.Status is LibGit2Sharp.ChangeKind.Modified or LibGit2Sharp.ChangeKind.Renamed or LibGit2Sharp.ChangeKind.Copied)
            {
                result[entry.Path] = entry.AddedLines.Select(line => line.LineNumber).ToHashSet();
            }
        }

        return result;
    }

    private static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static HashSet<string> FoldersAtBase(Tree baseTree, IEnumerable<ChangedFile> files)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        var absent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            for (var slash = file.Path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = file.Path.IndexOf('/', slash + 1))
            {
                var folder = file.Path[..slash];
                if (existing.Contains(folder) || absent.Contains(folder)) continue;
                if (baseTree[folder] is { TargetType: TreeEntryTargetType.Tree }) existing.Add(folder);
                else absent.Add(folder);
            }
        }

        return existing;
    }

    private static (string Name, Commit Commit) ResolveBase(Repository repo, string? baseRef)
    {
        if (baseRef is not null)
        {
            return (baseRef, Resolve(repo, baseRef) ?? throw GitInputException.UnknownRef(baseRef, Candidates(baseRef)));
        }

        foreach (var candidate in DefaultBases)
        {
            if (Resolve(repo, candidate) is { } commit) return (candidate, commit);
        }

        throw GitInputException.NoDefaultBase();
    }

    /// <summary>A branch, remote branch, tag or commit id, peeled to its commit; null when there is none.</summary>
    private static Commit? Resolve(Repository repo, string reference) => GitRefs.FindCommit(repo, Candidates(reference));

    private static IEnumerable<string> Candidates(string reference) =>
        [reference, $"refs/heads/{reference}", $"refs/remotes/{reference}", $"refs/tags/{reference}"];

    private static ChangedFile? ToChangedFile(TreeEntryChanges change) => change.Status switch
    {
        LibGit2Sharp.ChangeKind.Added => new ChangedFile(change.Path, null, ChangeKind.Added),
        LibGit2Sharp.ChangeKind.Modified or LibGit2Sharp.ChangeKind.TypeChanged => new ChangedFile(change.Path, null, ChangeKind.Modified),
        LibGit2Sharp.ChangeKind.Renamed => new ChangedFile(change.Path, change.OldPath, ChangeKind.Renamed),
        LibGit2Sharp.ChangeKind.Copied => new ChangedFile(change.Path, change.OldPath, ChangeKind.Copied),
        LibGit2Sharp.ChangeKind.Deleted => new ChangedFile(change.Path, null, ChangeKind.Deleted),
        _ => null,
    };
}
