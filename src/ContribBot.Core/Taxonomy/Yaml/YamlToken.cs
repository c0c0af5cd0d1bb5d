using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Taxonomy.Yaml;

/// <summary>A scanner token with its span; <see cref="End"/> is the position just after it.</summary>
public readonly record struct YamlToken(YamlTokenKind Kind, SourcePosition Start, SourcePosition End);
