using System.Text.RegularExpressions;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Validation.Rules;

/// <summary><c>created_by</c> should be a GitHub login, so a contribution can be traced to its author.</summary>
public sealed partial class CreatedByRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0501", "created_by is not a GitHub login", "`created_by` is '{0}', which is not a valid GitHub login",
        Severity.Warning,
        "Use your GitHub login: letters, digits and single hyphens, at most 39 characters, e.g. `created_by: octocat`.",
        DiagnosticCategory.Quality);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        if (leaf.Root["created_by"] is YamlScalar { Type: YamlScalarType.String, Text.Length: > 0 } login &&
            !GitHubLogin().IsMatch(login.Text))
        {
            yield return Descriptor.At(leaf.FilePath, login.Start, login.Text);
        }
    }

    // GitHub logins: alphanumerics and single inner hyphens, 1 to 39 characters.
    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")]
    private static partial Regex GitHubLogin();
}
