namespace ContribBot.Core.Taxonomy;

/// <summary>A file found in a taxonomy tree that ContribBot has something to say about.</summary>
/// <param name="FullPath">Absolute path of the file.</param>
/// <param name="RelativePath">Path from the taxonomy root, '/'-separated.</param>
public sealed record TaxonomyFile(string Root, string FullPath, string RelativePath, TaxonomyFileRole Role)
{
    public TaxonomyPath TaxonomyPath => TaxonomyPath.FromRelativeFile(RelativePath);

    public string Directory => Path.GetDirectoryName(FullPath)!;
}
