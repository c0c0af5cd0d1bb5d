namespace ContribBot.Core.Taxonomy;

/// <summary>Which schema family a leaf is checked against.</summary>
public enum SchemaKind
{
    Skills,
    Knowledge,
}
