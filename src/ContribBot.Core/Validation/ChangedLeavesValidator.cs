using ContribBot.Core.Diagnostics;
using ContribBot.Core.Documents;
using ContribBot.Core.Git;
using ContribBot.Core.Taxonomy;
using ContribBot.Core.Taxonomy.Sources;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation.Schema;

namespace ContribBot.Core.Validation;

/// <summary>
/// Pull-request mode: validates only the leaves a change set adds, modifies, renames or copies (a changed
/// <c>attribution.txt</c> counts for its leaf), reading them from the head's source; reports deleted leaves as
/// information and misnamed YAML files as errors, as the taxonomy's CI does for contributions. The document of each
/// changed knowledge leaf is resolved and checked by the given <see cref="IDocumentResolver"/>.
/// </summary>
public sealed class ChangedLeavesValidator(SchemaSet schemas, ValidationOptions options, IDocumentResolver documents)
{
    private readonly ValidationOptions _options = options with { RequireNewestVersion = true, ChecksDocuments = true };

    /// <summary>Below this share of its phrases found in the document, a context is reported (see <see cref="ContextGrounding"/>).</summary>
    private const double MinimumGrounding = 0.5;

    public static readonly DiagnosticDescriptor LeafDeleted = new(
        "CB0407", "Leaf deleted", "this leaf is deleted by the change ({0})", Severity.Info,
        "Nothing to fix: deleted leaves are listed so reviewers see them; their data leaves the next dataset build.",
        DiagnosticCategory.Taxonomy);

    public static readonly DiagnosticDescriptor LastCommitUnknown = new(
        "CB0408", "Last commit unknown", "the commit that last changed this leaf is not known ({0}); the head commit {1} is recorded instead",
        Severity.Info,
        "Nothing to fix in the leaf: its provenance names the head commit. Fetch the whole history for the exact commit.",
        DiagnosticCategory.Taxonomy);

    public async Task<ValidationReport> ValidateAsync(
        string taxonomyRoot, ChangeSet changes, ILeafSource source, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(taxonomyRoot);
        var prefix = Path.GetRelativePath(changes.RepositoryRoot, root).Replace('\\', '/');
        prefix = prefix == "." ? string.Empty : prefix + "/";
        var options = _options with { FoldersAtBase = TaxonomyFolders(changes.FoldersAtBase, prefix) };
        var validator = new LeafValidator(RuleSet.Default(schemas), options);
        var touched = changes.Files.Where(change => change.TouchedLines is not null && change.Path.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(change => change.Path[prefix.Length..], change => change.TouchedLines!, StringComparer.Ordinal);

        var leaves = new SortedSet<string>(StringComparer.Ordinal);
        var reports = new List<FileReport>();
        foreach (var change in changes.Files.Where(change => change.Path.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var relative = change.Path[prefix.Length..];
            if (_options.Policy.Ignores(relative)) continue; // validate.ignore: not checked at all
            var name = Path.GetFileName(relative);
            var folder = Path.GetDirectoryName(relative)?.Replace('\\', '/') ?? string.Empty;
            if (change.Kind == ChangeKind.Deleted)
            {
                if (name == LeafFinder.LeafFileName)
                {
                    var file = new TaxonomyFile(root, Path.Combine(root, relative), relative, TaxonomyFileRole.Deleted);
                    reports.Add(new FileReport(file, null, [LeafDeleted.At(file.FullPath, SourcePosition.FileStart, file.TaxonomyPath)]));
                }

                continue;
            }

            if (name == LeafFinder.LeafFileName) leaves.Add(relative);
            else if (name == AttributionFile.Name) leaves.Add(folder.Length == 0 ? LeafFinder.LeafFileName : $"{folder}/{LeafFinder.LeafFileName}");
            else if (LeafFinder.IsYamlFileName(name) && LeafFinder.IsInTaxonomyFolder(relative))
            {
                var file = new TaxonomyFile(root, Path.Combine(root, relative), relative, TaxonomyFileRole.Misnamed);
                reports.Add(new FileReport(file, null,
                    [FileDiagnostics.MisnamedFile.At(file.FullPath, SourcePosition.FileStart, name).WithSeverity(Severity.Error)]));
            }
        }

        foreach (var relative in leaves)
        {
            try
            {
                if (await ValidateLeafAsync(validator, root, prefix + relative, relative, source, cancellationToken).ConfigureAwait(false) is { } report)
                {
                    reports.Add(report);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // One unreadable leaf must not hide the others' results.
                var file = new TaxonomyFile(root, Path.Combine(root, relative), relative, TaxonomyFileRole.Leaf);
                reports.Add(new FileReport(file, null, [FileDiagnostics.Unreadable.At(file.FullPath, SourcePosition.FileStart, exception.Message)]));
            }
        }

        var ordered = reports.Select(report => report.Finished(_options))
            .Select(report => _options.UntouchedAsNotices && touched.TryGetValue(report.File.RelativePath, out var lines) ? WithUntouchedAsNotices(report, lines) : report)
            .OrderBy(report => report.File.RelativePath, StringComparer.Ordinal).ToList();
        return new ValidationReport([root], ordered) { RepositoryRoot = changes.RepositoryRoot };
    }

    /// <summary>The repository folders that existed at the merge base, as taxonomy paths under this taxonomy root.</summary>
    private static HashSet<string> TaxonomyFolders(IReadOnlySet<string> repositoryFolders, string prefix) =>
        repositoryFolders.Where(folder => folder.Length > prefix.Length && folder.StartsWith(prefix, StringComparison.Ordinal))
            .Select(folder => TaxonomyPath.FromRelativeFile(folder[prefix.Length..] + "/" + LeafFinder.LeafFileName).Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Warnings on lines the change did not touch become notices saying so (file-level findings, at line 1, stay as
    /// they are unless line 1 is untouched too). Errors stay errors: the file cannot be merged with them either way.
    /// </summary>
    private static FileReport WithUntouchedAsNotices(FileReport report, IReadOnlySet<int> touched) => report with
    {
        Diagnostics = report.Diagnostics.Select(d => d.Severity == Severity.Warning && !touched.Contains(d.Position.Line)
            ? d.WithSeverity(Severity.Info).WithHint("This line is not part of the change, so this is a notice. " + d.Hint)
            : d).ToList(),
    };

    private async Task<FileReport?> ValidateLeafAsync(
        LeafValidator validator, string root, string repositoryPath, string relative, ILeafSource source, CancellationToken cancellationToken)
    {
        var file = new TaxonomyFile(root, Path.Combine(root, relative), relative, TaxonomyFileRole.Leaf);
        var bytes = source.Read(repositoryPath, _options.Limits.MaxFileBytes);
        if (bytes is null) return null; // an attribution.txt changed beside no leaf
        if (bytes.EscapingLinkTarget is { } target)
        {
            return new FileReport(file, null, [FileDiagnostics.SymlinkOutsideRoot.At(file.FullPath, SourcePosition.FileStart, target)]);
        }

        if (bytes.Content is null)
        {
            return new FileReport(file, null,
                [FileDiagnostics.FileTooLarge.At(file.FullPath, SourcePosition.FileStart, bytes.Length, _options.Limits.MaxFileBytes)]);
        }

        var directory = Path.GetDirectoryName(repositoryPath)?.Replace('\\', '/') ?? string.Empty;
        var lastChange = source.LastChange(repositoryPath);
        var (report, parsed) = validator.Check(file, bytes.Content, source.Attribution(directory), lastChange?.CommitSha);
        if (lastChange?.FallbackReason is { } reason)
        {
            report = report with
            {
                Diagnostics = [.. report.Diagnostics, LastCommitUnknown.At(file.FullPath, SourcePosition.FileStart, reason, lastChange.CommitSha[..12])],
            };
        }

        return report.Leaf is { Kind: LeafKind.Knowledge } leaf && parsed is not null
            ? await WithDocumentAsync(report, leaf, parsed, root, cancellationToken).ConfigureAwait(false)
            : report;
    }

    private async Task<FileReport> WithDocumentAsync(FileReport report, Leaf leaf, YamlMapping parsed, string root, CancellationToken cancellationToken)
    {
        if (DocumentReference.From(parsed) is not { } reference) return report; // the schema has said why
        var resolution = await documents.ResolveAsync(reference, report.File.FullPath, root, cancellationToken).ConfigureAwait(false);
        return report with
        {
            Leaf = leaf with { Documents = resolution.Files },
            Diagnostics = [.. report.Diagnostics, .. resolution.Diagnostics, .. UngroundedContexts(report.File.FullPath, parsed, resolution)],
        };
    }

    /// <summary>Seed contexts that the resolved document does not contain (judged only when every pattern resolved).</summary>
    private static IEnumerable<Diagnostic> UngroundedContexts(string filePath, YamlMapping root, DocumentResolution resolution)
    {
        if (resolution.Texts.Count == 0 || resolution.Diagnostics.Any(d => d.Severity == Severity.Error)) return [];
        var grounding = new ContextGrounding(resolution.Texts);
        return SeedTexts.Of(root)
            .Where(text => text.Field == "context")
            .Select(context => (context, score: grounding.Score(context.Text)))
            .Where(found => found.score < MinimumGrounding)
            .Select(found => DocumentDiagnostics.ContextNotInDocument.At(filePath, found.context.Node.Start, found.context.Seed + 1, found.score * 100))
            .ToList();
    }
}
