namespace ContribBot.Core.Taxonomy;

/// <summary>
/// The top folder of the git work tree holding a path: the nearest folder at or above it with a <c>.git</c> entry (a
/// folder, or a file in worktrees and submodules). Read from the file system alone, so whole-tree validation needs no
/// git library to give repository-relative paths.
/// </summary>
public static class WorkTreeRoot
{
    public static string? Find(string path)
    {
        var full = Path.GetFullPath(path);
        for (var directory = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full).Directory; directory is not null; directory = directory.Parent)
        {
            var marker = Path.Combine(directory.FullName, ".git");
            if (Directory.Exists(marker) || File.Exists(marker)) return directory.FullName;
        }

        return null;
    }
}
