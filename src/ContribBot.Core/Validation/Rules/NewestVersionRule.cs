using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Validation.Rules;

/// <summary>In pull-request mode, a changed or added leaf must use the newest format version.</summary>
public sealed class NewestVersionRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0406", "Changed leaf not at the newest version",
        "this leaf is changed by the pull request, so it must use version {0}; {1}", Severity.Error,
        "Add `version: 3` at the top and bring the leaf up to that format: the fields this report names show what version 3 needs.",
        DiagnosticCategory.Taxonomy);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        if (leaf.Options.RequireNewestVersion && leaf.Version.Value < LeafVersion.Newest)
        {
            // A file without the key is read as version 1, but it declares nothing: say what it does.
            var found = leaf.Version.Node is null ? "it has no `version` key, which means version 1" : $"it declares version {leaf.Version.Shown}";
            var diagnostic = Descriptor.At(leaf.FilePath, leaf.Version.Position, LeafVersion.Newest, found);
            yield return leaf.Options.TemplateFile is { } template
                ? diagnostic.WithHint($"Add `version: 3` at the top and bring the leaf up to that format: `{template}` in this taxonomy " +
                                      "and the fields this report names show what version 3 needs.")
                : diagnostic;
        }
    }
}
