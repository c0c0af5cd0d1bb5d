namespace ContribBot.Testing;

/// <summary>Finds this repository's root (the folder holding ContribBot.sln) and the shared folder beside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared/corpus</c>: real taxonomy files with the reference verdicts, read in place.</summary>
    public static string SharedCorpus => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"));

    public static string ExampleTaxonomy => Path.Combine(Root, "examples", "taxonomy");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ContribBot.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("ContribBot.sln not found above " + AppContext.BaseDirectory);
    }
}
