using System.Text.RegularExpressions;
using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Validation.Rules;

/// <summary>
/// Taxonomy folders are lower-case words joined by '_', so paths stay stable and portable. In pull-request mode only
/// the folders the change creates are judged: a leaf added under an existing <c>STEM/</c> did not name it.
/// </summary>
public sealed partial class FolderNameRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0509", "Folder name not lower-case", "folder '{0}' in the taxonomy path is not lower-case words joined by '_'",
        Severity.Warning, "Rename the folder using lower-case words joined by '_' (for example 'my_topic').", DiagnosticCategory.Quality);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        var folders = leaf.TaxonomyPath.Folders;
        for (var i = 0; i < folders.Count; i++)
        {
            var folder = folders[i];
            if (GoodName().IsMatch(folder)) continue;
            if (leaf.Options.FoldersAtBase is { } existing && existing.Contains(string.Join('/', folders.Take(i + 1)))) continue;
            var suggestion = Separators().Replace(folder.ToLowerInvariant(), "_").Trim('_');
            yield return Descriptor.At(leaf.FilePath, SourcePosition.FileStart, folder)
                .WithHint($"Rename the folder, e.g. '{suggestion}'.");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(?:_[a-z0-9]+)*$")]
    private static partial Regex GoodName();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Separators();
}
