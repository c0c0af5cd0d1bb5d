using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>A key written twice in one mapping: where it was first and where it came again.</summary>
public sealed record DuplicateKey(string Key, SourcePosition First, SourcePosition Again);
