using System.Text;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy;
using ContribBot.Core.Taxonomy.Sources;
using ContribBot.Core.Validation;
using ContribBot.Core.Validation.Schema;

namespace ContribBot.Core.Tests;

/// <summary>Validates YAML text as a leaf at a given taxonomy path, in memory, with the real rule set.</summary>
internal static class LeafCheck
{
    private static readonly Lazy<Task<SchemaSet>> Schemas = new(() => SchemaSet.LoadAsync(CancellationToken.None));

    public static async Task<IReadOnlyList<Diagnostic>> RunAsync(
        string yaml,
        string taxonomyPath = "compositional_skills/arithmetic/addition",
        AttributionState attribution = AttributionState.Present,
        ValidationOptions? options = null)
    {
        return await RunBytesAsync(Encoding.UTF8.GetBytes(yaml), taxonomyPath, attribution, options);
    }

    public static async Task<IReadOnlyList<Diagnostic>> RunBytesAsync(
        byte[] bytes,
        string taxonomyPath = "compositional_skills/arithmetic/addition",
        AttributionState attribution = AttributionState.Present,
        ValidationOptions? options = null)
    {
        options ??= ValidationOptions.Default;
        var validator = new LeafValidator(RuleSet.Default(await Schemas.Value), options);
        var relative = $"{taxonomyPath}/qna.yaml";
        var file = new TaxonomyFile("/taxonomy", "/taxonomy/" + relative, relative, TaxonomyFileRole.Leaf);
        // Finished as every check finishes a file, with the policy (rules off by default, suppressions) applied, but
        // not --strict: that the rules themselves never raise warnings is part of what tests state.
        var diagnostics = validator.Validate(file, bytes, attribution).Finished(options with { Strict = false }).Diagnostics.ToList();
        diagnostics.Sort(DiagnosticOrder.Instance);
        return diagnostics;
    }

    /// <summary>"CB0302@4:9" for each diagnostic, so a test states the whole result in one line.</summary>
    public static IReadOnlyList<string> Codes(this IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(d => $"{d.Id}@{d.Position.Line}:{d.Position.Column}").ToList();

    public static IReadOnlyList<Diagnostic> Only(this IEnumerable<Diagnostic> diagnostics, string id) =>
        diagnostics.Where(d => d.Id == id).ToList();
}
