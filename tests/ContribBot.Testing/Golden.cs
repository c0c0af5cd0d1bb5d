using System.Runtime.CompilerServices;
using Xunit;

namespace ContribBot.Testing;

/// <summary>
/// Compares output with a golden file committed beside the test, under <c>Golden/</c>. Set UPDATE_GOLDEN=1 to
/// rewrite the files; the diff is then reviewed like any change.
/// </summary>
public static class Golden
{
    public static void Match(string actual, string fileName, [CallerFilePath] string testFile = "") =>
        MatchAt(actual, Path.Combine(Path.GetDirectoryName(testFile)!, "Golden", fileName));

    /// <summary>Compares with a file anywhere in the repository (e.g. a sample in docs/ that must stay true).</summary>
    public static void MatchAt(string actual, string path)
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run the tests with UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }
}
