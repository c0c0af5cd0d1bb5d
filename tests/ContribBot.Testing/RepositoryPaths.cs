namespace ContribBot.Testing;

/// <summary>Finds this repository's root (the folder holding ContribBot.sln) and the inputs kept inside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

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
