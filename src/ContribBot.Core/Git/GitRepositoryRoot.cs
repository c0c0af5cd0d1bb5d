using LibGit2Sharp;

namespace ContribBot.Core.Git;

/// <summary>
/// The repository a folder is in, found by walking up to the first folder git opens. LibGit2Sharp's
/// <c>Repository.Discover</c> returns its answer through a buffer that native (ahead-of-time) marshalling copies in
/// but not back, so there it always says "none"; opening each folder without searching works in both builds.
/// </summary>
public static class GitRepositoryRoot
{
    /// <summary>The folder of the repository (or the bare repository itself) holding <paramref name="path"/>, or null.</summary>
    /// <exception cref="GitInputException">The repository is owned by another user and not marked safe.</exception>
    public static string? Find(string path)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(path)); folder is not null; folder = folder.Parent)
        {
            if (folder.Exists && IsRepository(folder.FullName)) return folder.FullName;
        }

        return null;
    }

    private static bool IsRepository(string folder)
    {
        try
        {
            return Repository.IsValid(folder);
        }
        catch (LibGit2SharpException exception) when (GitRepositoryOpener.IsNotOwned(exception))
        {
            throw GitRepositoryOpener.NotOwned(folder, exception);
        }
    }
}
