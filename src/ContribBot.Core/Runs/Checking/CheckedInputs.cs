using ContribBot.Core.Generation;
using ContribBot.Core.Git;
using ContribBot.Core.Runs.Preview;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Runs.Checking;

/// <summary>
/// A checked taxonomy and the generation inputs of its leaves (documents resolved and chunked; leaves with errors
/// skipped, saying why): the start every generating run shares, preview and build alike.
/// </summary>
public sealed class CheckedInputs(CheckedTaxonomy checkedTaxonomy, IReadOnlyList<GenerationInput> inputs) : IDisposable
{
    public CheckedTaxonomy Checked => checkedTaxonomy;

    /// <summary>One per checked leaf, in report order.</summary>
    public IReadOnlyList<GenerationInput> Inputs => inputs;

    /// <exception cref="InputPathException">The path is not a folder (<paramref name="purpose"/> says what takes it).</exception>
    public static async Task<CheckedInputs> LoadAsync(
        CheckSettings check, int chunkTokens, string purpose, IProgress<ValidationProgress>? progress, CancellationToken cancellationToken)
    {
        if (check.Paths is not [var root] || !Directory.Exists(root))
        {
            throw new InputPathException($"'{string.Join(", ", check.Paths)}' is not a folder; {purpose} takes the root of a taxonomy.");
        }

        var checkedTaxonomy = await TaxonomyCheck.RunAsync(check, progress, cancellationToken).ConfigureAwait(false);
        try
        {
            var loader = new GenerationInputLoader(new GitDocumentResolver(check.DocumentOptions), checkedTaxonomy.Options.Limits, chunkTokens, check.RequireDocuments);
            var inputs = await loader.LoadAsync(checkedTaxonomy.Report, root, checkedTaxonomy.Read, cancellationToken).ConfigureAwait(false);
            return new CheckedInputs(checkedTaxonomy, inputs);
        }
        catch
        {
            checkedTaxonomy.Dispose();
            throw;
        }
    }

    public void Dispose() => checkedTaxonomy.Dispose();
}
