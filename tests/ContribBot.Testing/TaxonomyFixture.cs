namespace ContribBot.Testing;

/// <summary>
/// A taxonomy tree in a temp folder that tests write real files into: leaves with their attribution, misnamed
/// files, raw bytes, links.
/// </summary>
public sealed class TaxonomyFixture : IDisposable
{
    public const string DefaultAttribution =
        "Title of work: Test\nLink to work: https://example.com\nRevision: 1\nLicense of the work: CC0-1.0\nCreator names: Tests\n";

    private readonly TempDirectory _directory = new();

    public string Root => _directory.Path;

    /// <summary>Writes <c>taxonomyPath/qna.yaml</c> and, unless null, its <c>attribution.txt</c>; returns the yaml path.</summary>
    public string WriteLeaf(string taxonomyPath, string yaml, string? attribution = DefaultAttribution)
    {
        var path = WriteFile($"{taxonomyPath}/qna.yaml", yaml);
        if (attribution is not null) WriteFile($"{taxonomyPath}/attribution.txt", attribution);
        return path;
    }

    public string Combine(string relativePath) => Path.Combine(Root, relativePath);

    public string WriteFile(string relativePath, string content) => WriteBytes(relativePath, System.Text.Encoding.UTF8.GetBytes(content));

    public string WriteBytes(string relativePath, byte[] content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose() => _directory.Dispose();
}
