namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>One <c>key: value</c> pair. <see cref="KeyText"/> is the key's text (keys are scalars in a taxonomy).</summary>
public sealed record YamlMappingEntry(YamlNode Key, YamlNode Value)
{
    public string KeyText => Key is YamlScalar scalar ? scalar.Text : string.Empty;
}
