using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Validation;

/// <summary>Which kind and version combinations have a schema (and so are supported).</summary>
public static class LeafSchemas
{
    public static IReadOnlyList<int> Versions(SchemaKind kind) => kind == SchemaKind.Knowledge ? [3] : [1, 2, 3];

    public static bool IsSupported(SchemaKind kind, int version) => Versions(kind).Contains(version);
}
