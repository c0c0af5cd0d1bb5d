using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Validation.Schema;

/// <summary>The JSON Schemas of every kind and version, loaded once from the resources embedded from <c>schema/</c>.</summary>
public sealed class SchemaSet
{
    private readonly Dictionary<(SchemaKind Kind, int Version), LeafSchema> _schemas;

    private SchemaSet(Dictionary<(SchemaKind, int), LeafSchema> schemas) => _schemas = schemas;

    public static IReadOnlyList<(SchemaKind Kind, int Version, string ResourceName)> Known { get; } =
    [
        (SchemaKind.Skills, 1, "schema/skills-v1.json"),
        (SchemaKind.Skills, 2, "schema/skills-v2.json"),
        (SchemaKind.Skills, 3, "schema/skills-v3.json"),
        (SchemaKind.Knowledge, 3, "schema/knowledge-v3.json"),
    ];

    public static async Task<SchemaSet> LoadAsync(CancellationToken cancellationToken)
    {
        var schemas = new Dictionary<(SchemaKind, int), LeafSchema>();
        foreach (var (kind, version, resource) in Known)
        {
            await using var stream = typeof(SchemaSet).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The schema resource {resource} is missing from the build.");
            using var reader = new StreamReader(stream);
            schemas[(kind, version)] = LeafSchema.Parse(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
        }

        return new SchemaSet(schemas);
    }

    /// <summary>
    /// Starts loading on a thread of its own, so that the checking of the first files can go on meanwhile: workers that
    /// need the schemas before it is done wait for it, and a thread of its own cannot queue behind them.
    /// </summary>
    public static Task<SchemaSet> StartLoading() =>
        Task.Factory.StartNew(() => LoadAsync(CancellationToken.None).GetAwaiter().GetResult(),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public LeafSchema? For(SchemaKind kind, int version) => _schemas.GetValueOrDefault((kind, version));
}
