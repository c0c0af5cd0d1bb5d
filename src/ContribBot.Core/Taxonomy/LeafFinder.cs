using System.IO.Enumeration;
using ContribBot.Core.Limits;

namespace ContribBot.Core.Taxonomy;

/// <summary>
/// Walks a taxonomy tree for <c>qna.yaml</c> leaves, YAML files that were meant to be leaves but are misnamed, and
/// links that leave the tree. Hidden folders (<c>.git</c>, <c>.github</c>) are skipped; links are never followed.
/// </summary>
public static class LeafFinder
{
    public const string LeafFileName = "qna.yaml";

    /// <summary>Top-level folders whose YAML files must all be leaves, as the taxonomy's CI requires.</summary>
    private static readonly string[] TaxonomyFolders = ["compositional_skills", "knowledge", "foundational_skills"];

    /// <summary>
    /// The files under a folder, lazily and in file-system order, so checking can start at once. A folder that cannot
    /// be listed and a link that loops are reported, never skipped or followed.
    /// </summary>
    public static IEnumerable<TaxonomyFile> Enumerate(string root) => Enumerate(root, ListFolder);

    /// <param name="listFolder">Lists one folder; tests pass one that fails as a folder without permission does (root reads any folder).</param>
    internal static IEnumerable<TaxonomyFile> Enumerate(string root, Func<string, IEnumerable<FolderEntry>> listFolder)
    {
        var walkRoot = Path.GetFullPath(root);
        // A folder inside a taxonomy (taxonomy/knowledge/science) is walked alone, but paths still count from the
        // taxonomy's root so that kinds and taxonomy paths come out the same as for a whole-tree run.
        var fullRoot = FindRootOf(Path.Combine(walkRoot, LeafFileName));
        // Depth first with a stack of our own: no recursion to run out of, and a folder that cannot be listed is one
        // finding instead of an exception that ends the walk (or, with IgnoreInaccessible, a silent gap).
        var folders = new Stack<string>([walkRoot]);
        while (folders.TryPop(out var folder))
        {
            var (entries, failure) = List(folder, listFolder);
            if (failure is not null)
            {
                yield return File(fullRoot, folder, TaxonomyFileRole.UnreadableFolder) with { Problem = failure };
                continue;
            }

            var subfolders = new List<string>();
            foreach (var entry in entries!)
            {
                if (entry.Name.StartsWith('.')) continue; // .git, .github, editor folders
                if (entry.IsLink)
                {
                    if (Classify(fullRoot, entry.FullName) is { } role)
                    {
                        yield return File(fullRoot, entry.FullName, role.Role) with { Problem = role.Problem };
                        continue;
                    }

                    if (entry.IsDirectory) continue; // links are never followed into
                }
                else if (entry.IsDirectory)
                {
                    subfolders.Add(entry.FullName);
                    continue;
                }

                // A FIFO or device named qna.yaml is found by the validator before it opens the file: asking the
                // system here would put one more call per file on the walk, which feeds all the validating threads.
                if (!IsYamlFileName(entry.Name)) continue;
                if (entry.Name == LeafFileName)
                {
                    yield return File(fullRoot, entry.FullName, TaxonomyFileRole.Leaf);
                }
                else if (IsInTaxonomyFolder(Relative(fullRoot, entry.FullName)))
                {
                    yield return File(fullRoot, entry.FullName, TaxonomyFileRole.Misnamed);
                }
            }

            // Pushed in reverse so the first subfolder is walked first, as listed.
            for (var k = subfolders.Count - 1; k >= 0; k--) folders.Push(subfolders[k]);
        }
    }

    /// <summary>One folder's entries as the listing gives them: no object and no system call per entry beyond it.</summary>
    private static IEnumerable<FolderEntry> ListFolder(string folder) =>
        new FileSystemEnumerable<FolderEntry>(
            folder,
            (ref FileSystemEntry entry) => new FolderEntry(entry.FileName.ToString(), entry.ToFullPath(), entry.IsDirectory,
                (entry.Attributes & FileAttributes.ReparsePoint) != 0),
            new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false });

    private static (List<FolderEntry>? Entries, string? Failure) List(string folder, Func<string, IEnumerable<FolderEntry>> listFolder)
    {
        try
        {
            return (listFolder(folder).ToList(), null);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            return (null, exception is UnauthorizedAccessException ? "permission denied" : exception.Message);
        }
    }

    /// <summary>A link that leaves the tree or loops; null for one that stays inside and resolves.</summary>
    private static (TaxonomyFileRole Role, string? Problem)? Classify(string root, string link)
    {
        try
        {
            return LeavesRoot(root, link) ? (TaxonomyFileRole.LinkOutsideRoot, null) : null;
        }
        catch (IOException)
        {
            // ELOOP: a link to itself, or a ring of links.
            return (TaxonomyFileRole.NotAFile, "a symbolic link that loops");
        }
    }

    private static TaxonomyFile File(string root, string path, TaxonomyFileRole role) => new(root, path, Relative(root, path), role);

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    /// <summary>A single file named on the command line: a leaf whatever its folder, or a misnamed one; never a FIFO opened.</summary>
    public static TaxonomyFile ForFile(string file)
    {
        var full = Path.GetFullPath(file);
        var root = FindRootOf(full);
        var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
        if (FileKind.Of(full, followLinks: true) == FileKindValue.Special)
        {
            return new TaxonomyFile(root, full, relative, TaxonomyFileRole.NotAFile) { Problem = "a FIFO, socket or device" };
        }

        var role = Path.GetFileName(full) == LeafFileName ? TaxonomyFileRole.Leaf : TaxonomyFileRole.Misnamed;
        return new TaxonomyFile(root, full, relative, role);
    }

    /// <summary>True for a path (from the taxonomy root) under one of the folders whose YAML files must all be leaves.</summary>
    public static bool IsInTaxonomyFolder(string relativePath) =>
        TaxonomyFolders.Contains(relativePath.Split('/')[0], StringComparer.Ordinal);

    public static bool IsYamlFileName(ReadOnlySpan<char> fileName) =>
        fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) ||
        fileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The taxonomy root for a path: the folder itself when it holds a taxonomy folder, else the parent of the
    /// nearest enclosing taxonomy folder (the taxonomy path starts at the last one), else the folder itself.
    /// </summary>
    private static string FindRootOf(string fullPath)
    {
        var directory = Path.GetDirectoryName(fullPath)!;
        if (TaxonomyFolders.Any(folder => Directory.Exists(Path.Combine(directory, folder)))) return directory;
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            if (TaxonomyFolders.Contains(current.Name, StringComparer.Ordinal)) return current.Parent?.FullName ?? directory;
        }

        return directory;
    }

    private static bool LeavesRoot(string root, string linkPath)
    {
        FileSystemInfo info = Directory.Exists(linkPath) ? new DirectoryInfo(linkPath) : new FileInfo(linkPath);
        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        if (target is null)
        {
            // A dangling link: resolve its text by hand so we can still say where it points.
            return info.LinkTarget is { } text && !IsInside(root, Path.GetFullPath(text, Path.GetDirectoryName(linkPath)!));
        }

        return !IsInside(root, target.FullName);
    }

    internal static bool IsInside(string root, string path)
    {
        var withSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(withSeparator, StringComparison.Ordinal) || path == root;
    }

    /// <summary>Where a link points, for the message.</summary>
    public static string LinkTargetOf(string linkPath)
    {
        FileSystemInfo info = Directory.Exists(linkPath) ? new DirectoryInfo(linkPath) : new FileInfo(linkPath);
        return info.LinkTarget ?? "?";
    }
}

/// <summary>One entry of a folder listing: its name, full path, and whether it is a folder or a link.</summary>
internal readonly record struct FolderEntry(string Name, string FullName, bool IsDirectory, bool IsLink);
