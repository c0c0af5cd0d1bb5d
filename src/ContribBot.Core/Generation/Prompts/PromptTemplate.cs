using System.Text;
using System.Text.RegularExpressions;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Generation.Prompts;

/// <summary>
/// One versioned prompt: system and user text with <c>{{placeholders}}</c>, and the JSON schema of the reply.
/// <see cref="Id"/> (name, version and content hash) goes into the provenance of every sample it helped make.
/// </summary>
public sealed partial record PromptTemplate(string Name, int Version, string Hash, string System, string User, string Schema)
{
    public string Id => $"{Name}.v{Version}@{Hash}";

    /// <summary>The request with every placeholder filled; a placeholder without a value is a bug in the caller.</summary>
    public ChatRequest Render(ChatRole role, IReadOnlyDictionary<string, string> values, double temperature, int maxTokens) =>
        new(role, SchemaName, Schema, Fill(System, values), Fill(User, values), temperature, maxTokens);

    /// <summary>The schema name sent in <c>response_format</c> (letters, digits, '_' and '-' only).</summary>
    public string SchemaName => Name.Replace('.', '_');

    private string Fill(string text, IReadOnlyDictionary<string, string> values) => Placeholder().Replace(text, match =>
        values.TryGetValue(match.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"Prompt {Id} needs a value for {{{{{match.Groups[1].Value}}}}}."));

    /// <summary>Reads the sections <c>## system</c>, <c>## user</c> and <c>## schema</c> of a prompt file.</summary>
    internal static PromptTemplate Parse(string name, int version, string text)
    {
        var hash = Convert.ToHexStringLower(global::System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
        var sections = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        StringBuilder? current = null;
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                current = sections[line[3..].Trim()] = new StringBuilder();
                continue;
            }

            current?.Append(line).Append('\n');
        }

        string Section(string key) => sections.TryGetValue(key, out var body)
            ? body.ToString().Trim()
            : throw new InvalidOperationException($"Prompt {name}.v{version} has no '## {key}' section.");
        return new PromptTemplate(name, version, hash, Section("system"), Section("user"), Section("schema"));
    }

    [GeneratedRegex(@"\{\{([a-z_]+)\}\}")]
    private static partial Regex Placeholder();
}
