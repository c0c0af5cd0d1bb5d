using ContribBot.Core.Configuration;
using ContribBot.Core.Git;
using ContribBot.Core.Taxonomy.Sources;
using ContribBot.Core.Validation;
using ContribBot.Core.Validation.Policy;
using ContribBot.Core.Validation.Schema;

namespace ContribBot.Core.Runs.Checking;

/// <summary>
/// The use case "check a taxonomy": whole trees, or the leaves a pull request changes (read from git objects or the
/// working tree, with their knowledge documents resolved). Every front door (validate, preview, build, the App) checks
/// through here, and keeps the means to read the checked leaves again.
/// </summary>
public static class TaxonomyCheck
{
    /// <param name="progress">Told after each file of a whole-tree check (there is no total: trees are walked as they are checked).</param>
    /// <exception cref="InputPathException">Pull-request mode was asked for something other than one folder.</exception>
    /// <exception cref="GitInputException">The repository or refs cannot be used.</exception>
    /// <exception cref="Configuration.ConfigException">The settings file, or its <c>validate:</c> section, is unusable.</exception>
    public static async Task<CheckedTaxonomy> RunAsync(CheckSettings settings, IProgress<ValidationProgress>? progress, CancellationToken cancellationToken)
    {
        var options = Options(settings);
        if (settings.ChangesOnly) return await CheckChangesAsync(settings, options, cancellationToken).ConfigureAwait(false);
        var validator = TaxonomyValidator.StartCreating(options);
        var report = await validator.ValidateAsync(settings.Paths, progress, cancellationToken).ConfigureAwait(false);
        return new CheckedTaxonomy(report, options, null, string.Empty);
    }

    /// <summary>
    /// The validation options: the command line's, then the config's <c>validate:</c> section (rule ids checked against
    /// the catalog, with the line and column of an unknown one), then the defaults.
    /// </summary>
    public static ValidationOptions Options(CheckSettings settings)
    {
        var defaultFile = settings.Paths is [var only] && Directory.Exists(only) ? Path.Combine(only, ContribBotConfig.DefaultRelativePath) : null;
        var file = settings.ConfigFile ?? defaultFile;
        var validate = settings.Validate ?? (file is null ? ValidateConfig.Empty : ContribBotConfig.Load(file, required: settings.ConfigFile is not null).Validate);
        var policy = RulePolicy.From(validate, file ?? ContribBotConfig.DefaultRelativePath, KnownRuleIds.Value);
        return settings.ValidationOptionsWith(validate, policy) with { TemplateFile = TemplateOf(settings.Paths) };
    }

    /// <summary>Where the taxonomy's own leaf template is, from its root, when a single taxonomy folder holds one.</summary>
    private static string? TemplateOf(IReadOnlyList<string> paths) =>
        paths is [var only] && File.Exists(Path.Combine(only, "docs", "template_qna.yaml")) ? "docs/template_qna.yaml" : null;

    private static readonly Lazy<IReadOnlySet<string>> KnownRuleIds =
        new(() => Reports.DiagnosticCatalog.All.Select(descriptor => descriptor.Id).ToHashSet(StringComparer.Ordinal));

    private static async Task<CheckedTaxonomy> CheckChangesAsync(CheckSettings settings, ValidationOptions options, CancellationToken cancellationToken)
    {
        if (settings.Paths.Count != 1 || !Directory.Exists(settings.Paths[0]))
        {
            throw new InputPathException("Pull-request mode (--base/--head) takes one taxonomy folder inside a git repository.");
        }

        var root = settings.Paths[0];
        var changes = GitChanges.Find(root, settings.Base, settings.Head);
        var schemas = await SchemaSet.LoadAsync(cancellationToken).ConfigureAwait(false);
        var source = changes.HeadSha is { } head
            ? (ILeafSource)new CommitLeafSource(changes.RepositoryRoot, head)
            : new WorkingTreeLeafSource(changes.RepositoryRoot);
        var documents = new GitDocumentResolver(settings.DocumentOptions);
        ValidationReport report;
        try
        {
            report = await new ChangedLeavesValidator(schemas, options, documents).ValidateAsync(root, changes, source, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            source.Dispose();
            throw;
        }

        if (settings.RequireDocuments && report.Files.SelectMany(file => file.Diagnostics)
                .Where(d => d.Id == Documents.DocumentDiagnostics.HostUnreachable.Id).ToList() is { Count: > 0 } unreachable)
        {
            source.Dispose();
            throw DocumentsUnavailableException.For(unreachable.Select(d => d.Message).ToList());
        }

        var against = changes.HeadRef is null ? "the working tree" : $"'{changes.HeadRef}' ({changes.HeadSha![..12]})";
        var prefix = Path.GetRelativePath(changes.RepositoryRoot, Path.GetFullPath(root)).Replace('\\', '/');
        return new CheckedTaxonomy(report, options, source, prefix == "." ? string.Empty : prefix + "/")
        {
            Comparison = $"Checking changes between '{changes.BaseRef}' (merge base {changes.MergeBaseSha[..12]}) and {against}: " +
                         $"{changes.Files.Count} changed file(s), {report.LeafCount} leaf file(s) to check.",
        };
    }
}
