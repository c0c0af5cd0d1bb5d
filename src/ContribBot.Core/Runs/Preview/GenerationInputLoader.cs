using ContribBot.Core.Documents;
using ContribBot.Core.Generation;
using ContribBot.Core.Taxonomy;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Runs.Preview;

/// <summary>
/// Turns a validation report into preview inputs: leaves with errors are skipped (generating from broken seeds wastes
/// tokens), the others are read again for their seeds, and knowledge leaves get their documents resolved (from the
/// cache validation filled) and chunked.
/// </summary>
public sealed class GenerationInputLoader(IDocumentResolver documents, YamlLimits limits, int chunkTokens, bool requireDocuments = false)
{
    /// <param name="read">The bytes of a leaf file as validation read them (working tree or commit), or null.</param>
    public async Task<IReadOnlyList<GenerationInput>> LoadAsync(
        ValidationReport report, string taxonomyRoot, Func<FileReport, byte[]?> read, CancellationToken cancellationToken)
    {
        var inputs = new List<GenerationInput>();
        foreach (var file in report.Files.Where(file => file.File.Role == TaxonomyFileRole.Leaf && file.Leaf is not null))
        {
            var leaf = file.Leaf!;
            var empty = new LeafSeeds(leaf, file.File.FullPath, string.Empty, []);
            if (file.HasErrors)
            {
                inputs.Add(new GenerationInput(empty, [], "the leaf has validation errors; fix them first"));
                continue;
            }

            if (Parse(file, read) is not { } root)
            {
                inputs.Add(new GenerationInput(empty, [], "the leaf could not be read again"));
                continue;
            }

            var seeds = LeafSeeds.From(leaf, file.File.FullPath, root);
            if (seeds.Examples.Count == 0)
            {
                inputs.Add(new GenerationInput(seeds, [], "the leaf has no usable seed examples"));
                continue;
            }

            inputs.Add(leaf.Kind == LeafKind.Knowledge
                ? await WithDocumentsAsync(seeds, root, taxonomyRoot, cancellationToken).ConfigureAwait(false)
                : new GenerationInput(seeds, [], null));
        }

        return inputs;
    }

    private YamlMapping? Parse(FileReport file, Func<FileReport, byte[]?> read)
    {
        var bytes = read(file);
        if (bytes is null) return null;
        var text = SourceDecoder.Decode(file.File.FullPath, bytes).Text;
        return text is null ? null : YamlReader.Read(file.File.FullPath, text, limits).Document?.Root as YamlMapping;
    }

    private async Task<GenerationInput> WithDocumentsAsync(LeafSeeds seeds, YamlMapping root, string taxonomyRoot, CancellationToken cancellationToken)
    {
        if (DocumentReference.From(root) is not { } reference) return new GenerationInput(seeds, [], "the leaf has no document section");
        var resolution = await documents.ResolveAsync(reference, seeds.FilePath, taxonomyRoot, cancellationToken).ConfigureAwait(false);
        if (requireDocuments && resolution.Diagnostics.FirstOrDefault(d => d.Id == DocumentDiagnostics.HostUnreachable.Id) is { } unreachable)
        {
            throw Checking.DocumentsUnavailableException.For([$"{seeds.Path}: {unreachable.Message}"]);
        }

        if (resolution.Texts.Count == 0)
        {
            var why = resolution.Diagnostics.Count > 0 ? resolution.Diagnostics[0].Message : "no document text";
            return new GenerationInput(seeds, [], $"its documents could not be read ({why})");
        }

        var withText = seeds with { Documents = resolution.Texts, Leaf = seeds.Leaf with { Documents = resolution.Files } };
        var chunks = DocumentChunker.Chunk(resolution.Texts, chunkTokens);
        return chunks.Count == 0
            ? new GenerationInput(withText, [], "its documents hold no text")
            : new GenerationInput(withText, chunks, null);
    }
}
