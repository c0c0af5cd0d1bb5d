using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy;
using ContribBot.Core.Taxonomy.Sources;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation.Policy;

namespace ContribBot.Core.Validation;

/// <summary>
/// Validates one file from its bytes: decoding, YAML, structure, then every rule. Pure: the caller reads the file
/// and its attribution beforehand, so this runs the same on disk files, git blobs and test strings.
/// </summary>
public sealed class LeafValidator(IReadOnlyList<ILeafRule> rules, ValidationOptions options)
{
    /// <param name="lastCommit">The commit that last changed the file, when it is known.</param>
    public FileReport Validate(TaxonomyFile file, ReadOnlySpan<byte> bytes, AttributionState attribution, string? lastCommit = null) =>
        Check(file, bytes, attribution, lastCommit).Report;

    /// <summary>The report, and the parsed top-level mapping for stages that read more of the leaf (null when unreadable).</summary>
    public (FileReport Report, YamlMapping? Root) Check(TaxonomyFile file, ReadOnlySpan<byte> bytes, AttributionState attribution, string? lastCommit = null)
    {
        var source = SourceDecoder.Decode(file.FullPath, bytes);
        if (source.Text is null) return (new FileReport(file, null, source.Diagnostics), null);
        var (report, root) = Check(file, source, bytes, attribution, lastCommit);
        return (report with { Suppressions = InlineSuppressions.Read(source.Text) }, root);
    }

    private (FileReport Report, YamlMapping? Root) Check(TaxonomyFile file, SourceText source, ReadOnlySpan<byte> bytes, AttributionState attribution, string? lastCommit)
    {
        var read = YamlReader.Read(file.FullPath, source.Text!, options.Limits);
        var diagnostics = new List<Diagnostic>(source.Diagnostics);
        diagnostics.AddRange(read.Diagnostics);
        if (read.Document is null) return (new FileReport(file, null, diagnostics), null);

        switch (read.Document.Root)
        {
            case null or YamlScalar { Type: YamlScalarType.Null }:
                diagnostics.Add(FileDiagnostics.EmptyFile.At(file.FullPath, SourcePosition.FileStart));
                return (new FileReport(file, null, diagnostics), null);
            case YamlMapping root:
                var kind = file.TaxonomyPath.KindFromFolder ?? (root.Find("document") is null ? SchemaKind.Skills : SchemaKind.Knowledge);
                var context = new LeafContext(file.FullPath, file.TaxonomyPath, read.Document, root, LeafVersion.Of(root), kind, attribution, options);
                foreach (var rule in rules) diagnostics.AddRange(rule.Check(context));
                var leaf = new Leaf(file.TaxonomyPath, LeafKindOf(kind, root), context.Version.Value, Git.GitBlobId.Of(bytes), lastCommit);
                return (new FileReport(file, leaf, diagnostics), root);
            case var other:
                diagnostics.Add(FileDiagnostics.RootNotMapping.At(file.FullPath, other.Start, other.Description));
                return (new FileReport(file, null, diagnostics), null);
        }
    }

    private static LeafKind LeafKindOf(SchemaKind kind, YamlMapping root)
    {
        if (kind == SchemaKind.Knowledge) return LeafKind.Knowledge;
        var grounded = root["seed_examples"] is YamlSequence seeds &&
                       seeds.Items.Any(item => item is YamlMapping example && example.Find("context") is not null);
        return grounded ? LeafKind.GroundedSkill : LeafKind.FreeformSkill;
    }
}
