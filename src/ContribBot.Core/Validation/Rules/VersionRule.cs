using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Validation.Rules;

/// <summary>The <c>version</c> key: an integer with a schema for the leaf's kind; knowledge needs at least 3.</summary>
public sealed class VersionRule : ILeafRule
{
    public static readonly DiagnosticDescriptor NotAnInteger = new(
        "CB0401", "Version is not a whole number", "`version` must be a whole number such as 3, but is {0}; it is read as version 1",
        Severity.Error, "Write `version: 3` without quotes.", DiagnosticCategory.Taxonomy);

    public static readonly DiagnosticDescriptor Unsupported = new(
        "CB0402", "Unsupported version", "there is no {0} format version {1}; known versions are {2}",
        Severity.Error, "Use `version: 3`, the current format.", DiagnosticCategory.Taxonomy);

    public static readonly DiagnosticDescriptor KnowledgeTooOld = new(
        "CB0403", "Knowledge version no longer supported",
        "version {0} is not supported for knowledge; the minimum supported version is 3", Severity.Error,
        "Convert the leaf to version 3: add `version: 3`, `domain`, `document_outline`, seed examples with a " +
        "`context` and three `questions_and_answers` each, and the `document` section.", DiagnosticCategory.Taxonomy);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        var version = leaf.Version;
        if (version.Node is not null && !version.IsDeclaredInteger)
        {
            yield return NotAnInteger.At(leaf.FilePath, version.Position, version.Node.Description);
        }

        if (leaf.Kind == SchemaKind.Knowledge && version.Value is 1 or 2)
        {
            yield return KnowledgeTooOld.At(leaf.FilePath, version.Position, version.Value);
        }
        else if (!LeafSchemas.Versions(leaf.Kind).Contains(version.Value))
        {
            var kind = leaf.Kind == SchemaKind.Knowledge ? "knowledge" : "skill";
            yield return Unsupported.At(leaf.FilePath, version.Position, kind, version.Shown,
                string.Join(", ", LeafSchemas.Versions(leaf.Kind)));
        }
    }
}
