namespace ContribBot.Core.Documents;

/// <summary>
/// Finds the text of a knowledge leaf's document (its <c>repo</c>, <c>commit</c> and <c>patterns</c>). Every problem is a
/// diagnostic in the resolution, never an exception: validation reports it at the YAML line concerned and goes on.
/// </summary>
public interface IDocumentResolver
{
    /// <param name="leafFile">The leaf's path, for the diagnostics.</param>
    /// <param name="taxonomyRoot">Relative local repositories are resolved from here.</param>
    Task<DocumentResolution> ResolveAsync(DocumentReference reference, string leafFile, string taxonomyRoot, CancellationToken cancellationToken);
}
