namespace ContribBot.Core.Taxonomy;

/// <summary>
/// A leaf's place in the taxonomy, such as <c>compositional_skills/writing/freeform/poetry/haiku</c>: the folders from
/// the last one named <c>compositional_skills</c> or <c>knowledge</c> down to the folder holding the <c>qna.yaml</c>
/// (or from the taxonomy root when there is no such folder, e.g. <c>foundational_skills/...</c>).
/// </summary>
public readonly record struct TaxonomyPath(string Value)
{
    private static readonly string[] KindFolders = ["compositional_skills", "knowledge"];

    public IReadOnlyList<string> Folders => Value.Length == 0 ? [] : Value.Split('/');

    /// <summary>The kind named by the top folder, or null outside <c>knowledge/</c> and <c>compositional_skills/</c>.</summary>
    public SchemaKind? KindFromFolder => Folders.Count == 0
        ? null
        : Folders[0] switch
        {
            "knowledge" => SchemaKind.Knowledge,
            "compositional_skills" => SchemaKind.Skills,
            _ => null,
        };

    /// <param name="relativeFilePath">The file's path relative to the taxonomy root, with '/' separators.</param>
    public static TaxonomyPath FromRelativeFile(string relativeFilePath)
    {
        var folders = relativeFilePath.Split('/')[..^1];
        var start = Array.FindLastIndex(folders, folder => KindFolders.Contains(folder, StringComparer.Ordinal));
        return new TaxonomyPath(string.Join('/', folders[Math.Max(0, start)..]));
    }

    public override string ToString() => Value;
}
