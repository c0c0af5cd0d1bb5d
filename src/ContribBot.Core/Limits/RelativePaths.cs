namespace ContribBot.Core.Limits;

/// <summary>Paths that come from a file someone else wrote (a settings file, a manifest): they must name something inside the folder they are read against.</summary>
public static class RelativePaths
{
    /// <summary>Not empty, not rooted, and no '..' segment (with either separator).</summary>
    public static bool StaysInside(string path) =>
        path.Length > 0 && !Path.IsPathRooted(path) && !path.Replace('\\', '/').Split('/').Contains("..");
}
