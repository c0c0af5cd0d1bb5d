using System.Text.RegularExpressions;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Validation.Rules;

/// <summary>A knowledge document pinned by branch name or short SHA is not reproducible: ask for the full SHA.</summary>
public sealed partial class CommitShaRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0502", "Document commit is not a full SHA", "`commit` is '{0}', not a full 40-character commit SHA",
        Severity.Warning,
        "Pin the exact commit: run `git rev-parse HEAD` in the document repository and paste the 40-character SHA.",
        DiagnosticCategory.Quality);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        if (leaf.Root["document"] is YamlMapping document &&
            document["commit"] is YamlScalar { Text.Length: > 0 } commit &&
            !FullSha().IsMatch(commit.Text))
        {
            yield return Descriptor.At(leaf.FilePath, commit.Start, commit.Text);
        }
    }

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex FullSha();
}
