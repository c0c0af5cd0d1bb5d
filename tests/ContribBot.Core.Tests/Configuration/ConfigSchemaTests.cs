using System.Text.Json;
using System.Text.RegularExpressions;
using ContribBot.Core.Configuration;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation.Schema;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Configuration;

/// <summary>
/// The settings file has three descriptions that must agree: the reader, the JSON Schema in schema/, and the README's
/// example. The example must load, must be valid under the schema, and must show every setting the schema has.
/// </summary>
public sealed partial class ConfigSchemaTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static LeafSchema Schema() =>
        LeafSchema.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schema", "contribbot-config.schema.json")));

    private static string ReadmeExample()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        return ExampleBlock().Match(readme) is { Success: true } match ? match.Groups["yaml"].Value : throw new InvalidOperationException("no settings example in README.md");
    }

    private static JsonElement AsJson(string yaml)
    {
        var root = YamlReader.Read("contribbot.yml", yaml, YamlLimits.Default).Document!.Root!;
        using var document = YamlToJson.ToDocument(root);
        return document.RootElement.Clone();
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_folder.Path, "contribbot.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void The_readme_example_loads_and_is_valid_under_the_schema()
    {
        var example = ReadmeExample();

        var config = ContribBotConfig.Load(Write(example), required: true);

        Assert.Null(Schema().Evaluate(AsJson(example)));
        Assert.Equal("CB0501", config.Validate.Rules[0].Id);
        Assert.Equal(["github.com"], config.DocumentHosts);
    }

    [Fact]
    public void The_readme_example_shows_every_setting_of_the_schema()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schema", "contribbot-config.schema.json")));
        var shown = KeyPaths(AsJson(ReadmeExample()), string.Empty).ToHashSet(StringComparer.Ordinal);

        var missing = SettingPaths(schema.RootElement, string.Empty).Where(path => !shown.Contains(path)).ToList();

        Assert.True(missing.Count == 0, "README's example lacks: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("generation:\n  chunk_tokens: 15\n")]
    [InlineData("generation:\n  max_retries: 11\n")]
    [InlineData("generation:\n  chunk_size: 500\n")]
    [InlineData("validate:\n  rules: { CB0501: silent }\n")]
    [InlineData("validate:\n  overrides:\n    - paths: [\"a/**\"]\n")]
    [InlineData("validate:\n  strict: maybe\n")]
    [InlineData("documents:\n  allowed_hosts: github.com\n")]
    public void What_the_schema_refuses_the_reader_refuses(string yaml)
    {
        Assert.NotNull(Schema().Evaluate(AsJson(yaml)));
        Assert.Throws<ConfigException>(() => ContribBotConfig.Load(Write(yaml), required: true));
    }

    /// <summary>Dotted paths of the leaf settings a schema describes (a rule map counts as one setting).</summary>
    private static IEnumerable<string> SettingPaths(JsonElement schema, string prefix)
    {
        if (!schema.TryGetProperty("properties", out var properties))
        {
            yield return prefix;
            yield break;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var path = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            var inner = property.Value.TryGetProperty("items", out var items) && items.TryGetProperty("properties", out _) ? items : property.Value;
            foreach (var nested in SettingPaths(inner, path)) yield return nested;
        }
    }

    private static IEnumerable<string> KeyPaths(JsonElement json, string prefix)
    {
        yield return prefix;
        if (json.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in json.EnumerateArray())
            {
                foreach (var nested in KeyPaths(item, prefix)) yield return nested;
            }
        }

        if (json.ValueKind != JsonValueKind.Object) yield break;
        foreach (var property in json.EnumerateObject())
        {
            foreach (var nested in KeyPaths(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}")) yield return nested;
        }
    }

    [GeneratedRegex("```yaml\\n(?<yaml>teacher:\\n.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
