using System.Text.RegularExpressions;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation.Schema;

namespace ContribBot.Core.Validation.Rules;

/// <summary>
/// A value still holding the template's placeholder (<c>created_by: &lt;GitHub username&gt;</c>,
/// <c>repo: &lt;document-repository-url-goes-here&gt;</c>): the leaf was copied from the template and not filled in.
/// The schema often accepts it, and the teacher would learn the placeholder as if it were content.
/// </summary>
public sealed partial class PlaceholderRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0510", "Template placeholder not filled in", "{0} is still the template's placeholder '{1}'", Severity.Warning,
        "Replace the text in <…> with your own value.", DiagnosticCategory.Quality);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        var found = new List<Diagnostic>();
        Walk(leaf, leaf.Root, [], found);
        return found;
    }

    private static void Walk(LeafContext leaf, YamlNode node, List<object> path, List<Diagnostic> found)
    {
        switch (node)
        {
            case YamlScalar { Type: YamlScalarType.String } scalar when Placeholder().IsMatch(scalar.Text.Trim()):
                // In pull-request mode the document URL is judged (and its placeholder named) by CB0601 already.
                if (leaf.Options.ChecksDocuments && path is ["document", "repo"]) return;
                var hint = leaf.Options.TemplateFile is { } template
                    ? $"Replace the text in <…> with your own value; `{template}` in this taxonomy shows what the field holds."
                    : Descriptor.Hint;
                found.Add(Descriptor.At(leaf.FilePath, scalar.Start, new FieldPath(path.ToList()).Describe(), scalar.Text.Trim()).WithHint(hint));
                break;
            case YamlMapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    if (entry.KeyText.Length == 0) continue;
                    path.Add(entry.KeyText);
                    Walk(leaf, entry.Value, path, found);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    path.Add(i);
                    Walk(leaf, sequence.Items[i], path, found);
                    path.RemoveAt(path.Count - 1);
                }

                break;
        }
    }

    // The whole value is one <…> holding words joined by spaces, '-' or '_' (a template's wording, not an HTML tag
    // such as <br> or a generic such as List<int>).
    [GeneratedRegex(@"^<[A-Za-z][\w .,'/()-]{0,118}[ _-][\w .,'/()-]{0,118}>$")]
    private static partial Regex Placeholder();
}
