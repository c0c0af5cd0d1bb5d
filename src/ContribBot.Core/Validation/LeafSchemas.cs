using ContribBot.Core.Taxonomy;
using ContribBot.Core.Validation.Schema;

namespace ContribBot.Core.Validation;

/// <summary>Which versions of a kind are supported: exactly those with a schema in <see cref="SchemaSet.Known"/>.</summary>
public static class LeafSchemas
{
    public static IReadOnlyList<int> Versions(SchemaKind kind) =>
        SchemaSet.Known.Where(known => known.Kind == kind).Select(known => known.Version).Order().ToList();
}
