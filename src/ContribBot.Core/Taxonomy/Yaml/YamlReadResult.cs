using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>The parsed document (null when the YAML could not be read) and what was wrong with it.</summary>
public sealed record YamlReadResult(YamlDocument? Document, IReadOnlyList<Diagnostic> Diagnostics);
