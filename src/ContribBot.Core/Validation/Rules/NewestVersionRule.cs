using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Validation.Rules;

/// <summary>In pull-request mode, a changed or added leaf must use the newest format version.</summary>
public sealed class NewestVersionRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0406", "Changed leaf not at the newest version",
        "this leaf is changed by the pull request, so it must use version {0}; it declares version {1}", Severity.Error,
        "Set `version: 3` and bring the leaf up to that format (see the example taxonomy).", DiagnosticCategory.Taxonomy);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        if (leaf.Options.RequireNewestVersion && leaf.Version.Value < LeafVersion.Newest)
        {
            yield return Descriptor.At(leaf.FilePath, leaf.Version.Position, LeafVersion.Newest, leaf.Version.Value);
        }
    }
}
