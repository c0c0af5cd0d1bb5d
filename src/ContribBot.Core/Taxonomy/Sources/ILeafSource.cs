namespace ContribBot.Core.Taxonomy.Sources;

/// <summary>
/// Where the files of the head of a pull request are read from: the working tree, or a commit's tree in the object
/// database. Paths are from the repository root, '/'-separated.
/// </summary>
public interface ILeafSource : IDisposable
{
    /// <summary>The file, or null when head has no such file.</summary>
    LeafBytes? Read(string path, long maxBytes);

    AttributionState Attribution(string leafDirectory);

    /// <summary>The commit that last changed the file, or null when that change is not committed.</summary>
    LastChange? LastChange(string path);
}
