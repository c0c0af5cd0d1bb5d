using ContribBot.Core.Diagnostics;
using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Documents;

/// <summary>A knowledge leaf's <c>document</c> section, with the positions diagnostics point at.</summary>
public sealed record DocumentReference(
    string Repo,
    SourcePosition RepoPosition,
    string Commit,
    SourcePosition CommitPosition,
    IReadOnlyList<(string Pattern, SourcePosition Position)> Patterns)
{
    /// <summary>The reference, or null when the section is missing or mistyped (the schema reports that).</summary>
    public static DocumentReference? From(YamlMapping root)
    {
        if (root["document"] is not YamlMapping document ||
            document["repo"] is not YamlScalar { Type: YamlScalarType.String, Text.Length: > 0 } repo ||
            document["commit"] is not YamlScalar { Text.Length: > 0 } commit ||
            document["patterns"] is not YamlSequence patterns)
        {
            return null;
        }

        var list = patterns.Items.OfType<YamlScalar>().Where(p => p.Text.Length > 0).Select(p => (p.Text, p.Start)).ToList();
        return new DocumentReference(repo.Text.Trim(), repo.Start, commit.Text.Trim(), commit.Start, list);
    }
}
