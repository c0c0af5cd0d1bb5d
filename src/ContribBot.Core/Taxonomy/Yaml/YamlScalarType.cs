namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>The type a YAML 1.1 loader (PyYAML, the reference) gives a scalar.</summary>
public enum YamlScalarType
{
    String,
    Null,
    Boolean,
    Integer,
    Float,
    Timestamp,

    /// <summary>Bytes written as base64 under <c>!!binary</c>: never text to the reference, so never a valid field.</summary>
    Binary,
}
