namespace ContribBot.Core.Taxonomy;

/// <summary>A file found in a taxonomy tree that ContribBot has something to say about.</summary>
/// <param name="FullPath">Absolute path of the file.</param>
/// <param name="RelativePath">Path from the taxonomy root, '/'-separated.</param>
public sealed record TaxonomyFile(string Root, string FullPath, string RelativePath, TaxonomyFileRole Role)
{
    // Every rule asks for it: computed once, not split and joined again on each read.
    public TaxonomyPath TaxonomyPath { get; } = TaxonomyPath.FromRelativeFile(RelativePath);

    public string Directory => Path.GetDirectoryName(FullPath)!;

    /// <summary>What is wrong with a <see cref="TaxonomyFileRole.NotAFile"/> or <see cref="TaxonomyFileRole.UnreadableFolder"/>.</summary>
    public string? Problem { get; init; }
}
