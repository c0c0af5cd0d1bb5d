using System.IO.Enumeration;

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

    /// <summary>The files under a folder, lazily and in file-system order, so checking can start at once.</summary>
    public static IEnumerable<TaxonomyFile> Enumerate(string root)
    {
        var walkRoot = Path.GetFullPath(root);
        // A folder inside a taxonomy (taxonomy/knowledge/science) is walked alone, but paths still count from the
        // taxonomy's root so that kinds and taxonomy paths come out the same as for a whole-tree run.
        var fullRoot = FindRootOf(Path.Combine(walkRoot, LeafFileName));
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = 0,
            ReturnSpecialDirectories = false,
        };
        var entries = new FileSystemEnumerable<(string Path, bool IsDirectory, bool IsLink)>(
            walkRoot,
            (ref FileSystemEntry entry) => (entry.ToFullPath(), entry.IsDirectory,
                (entry.Attributes & FileAttributes.ReparsePoint) != 0),
            options)
        {
            ShouldRecursePredicate = (ref FileSystemEntry entry) =>
                !entry.FileName.StartsWith('.') && (entry.Attributes & FileAttributes.ReparsePoint) == 0,
            ShouldIncludePredicate = (ref FileSystemEntry entry) =>
                (entry.Attributes & FileAttributes.ReparsePoint) != 0 || (!entry.IsDirectory && IsYamlFileName(entry.FileName)),
        };

        foreach (var (path, isDirectory, isLink) in entries)
        {
            var relative = Path.GetRelativePath(fullRoot, path).Replace('\\', '/');
            if (relative.Split('/').Any(part => part.StartsWith('.'))) continue;
            if (isLink && LeavesRoot(fullRoot, path))
            {
                yield return new TaxonomyFile(fullRoot, path, relative, TaxonomyFileRole.LinkOutsideRoot);
                continue;
            }

            if (isDirectory || !IsYamlFileName(Path.GetFileName(path))) continue;
            if (Path.GetFileName(path) == LeafFileName)
            {
                yield return new TaxonomyFile(fullRoot, path, relative, TaxonomyFileRole.Leaf);
            }
            else if (IsInTaxonomyFolder(relative))
            {
                yield return new TaxonomyFile(fullRoot, path, relative, TaxonomyFileRole.Misnamed);
            }
        }
    }

    /// <summary>A single file named on the command line: a leaf whatever its folder, or a misnamed one.</summary>
    public static TaxonomyFile ForFile(string file)
    {
        var full = Path.GetFullPath(file);
        var root = FindRootOf(full);
        var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
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
