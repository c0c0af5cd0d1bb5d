using System.Text.RegularExpressions;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Architecture;

/// <summary>
/// The core's stages in order (docs/architecture.md): code in one stage may use its own and earlier stages, never a
/// later one, so each stage can be understood, tested and reused without those after it.
/// </summary>
public sealed partial class StageOrderTests
{
    /// <summary>Earliest first. A stage's folder under src/ContribBot.Core is its namespace.</summary>
    public static readonly string[] Stages =
    [
        "Diagnostics", "Limits", "Text", "Http", "Taxonomy", "Configuration", "Documents", "Git", "Validation", "Generation", "Quality", "Reports", "Runs",
    ];

    private static string CoreFolder => Path.Combine(RepositoryPaths.Root, "src", "ContribBot.Core");

    [Fact]
    public void Every_folder_of_the_core_is_a_known_stage()
    {
        var folders = Directory.GetDirectories(CoreFolder).Select(Path.GetFileName).Where(name => name is not ("bin" or "obj")).ToList();

        Assert.All(folders, folder => Assert.Contains(folder, Stages));
    }

    [Fact]
    public void No_stage_uses_a_later_stage()
    {
        var violations = new List<string>();
        foreach (var (stage, file, used) in References())
        {
            if (Array.IndexOf(Stages, used) > Array.IndexOf(Stages, stage)) violations.Add($"{Relative(file)}: {stage} uses {used}");
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations.Distinct()));
    }

    [Fact]
    public void LibGit2Sharp_is_used_only_in_the_git_stage()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file) && Code(file).Contains("LibGit2Sharp", StringComparison.Ordinal))
            .Select(Relative)
            .ToList();

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.StartsWith("src/ContribBot.Core/Git/", file, StringComparison.Ordinal));
    }

    [Fact]
    public void The_scan_sees_a_violation_when_there_is_one()
    {
        // The scan itself: a file that names a later stage is caught, whether by a using or a qualified name.
        Assert.Equal(["Quality", "Runs"], Used("using ContribBot.Core.Quality;\nvar x = ContribBot.Core.Runs.Thing.Make();").Order().ToArray());
    }

    private static IEnumerable<(string Stage, string File, string Used)> References()
    {
        foreach (var stageFolder in Directory.GetDirectories(CoreFolder))
        {
            var stage = Path.GetFileName(stageFolder);
            if (!Stages.Contains(stage)) continue;
            foreach (var file in Directory.EnumerateFiles(stageFolder, "*.cs", SearchOption.AllDirectories).Where(file => !IsBuildOutput(file)))
            {
                foreach (var used in Used(Code(file))) yield return (stage, file, used);
            }
        }
    }

    private static IEnumerable<string> Used(string code) =>
        CoreNamespace().Matches(code).Select(match => match.Groups[1].Value).Where(Stages.Contains).Distinct();

    /// <summary>The file without comments, so prose that names a stage is not a use of it.</summary>
    private static string Code(string file) => Comment().Replace(File.ReadAllText(file), string.Empty);

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ||
        file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string Relative(string file) => Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/');

    [GeneratedRegex(@"\bContribBot\.Core\.([A-Z][A-Za-z]*)")]
    private static partial Regex CoreNamespace();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();
}
