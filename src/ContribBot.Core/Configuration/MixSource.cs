using System.Text.Json.Serialization;
using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Configuration;

/// <summary>
/// One entry of <c>mix:</c>: a local JSON Lines dataset in the messages format (a previous dataset version, general
/// instruction data) replayed beside the synthetic rows, so a student trained on the new data keeps what it knew.
/// Either <see cref="Rows"/> (a count) or <see cref="Ratio"/> (rows per synthetic row of its phase) says how many are
/// sampled, with a fixed seed; <see cref="Phase"/> is the training file it joins. <see cref="Synthetic"/> says whether
/// its rows were machine-written; null: each row's own <c>metadata.synthetic</c> says, and rows without it count as
/// human-written.
/// </summary>
public sealed record MixSource(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("rows")] int? Rows,
    [property: JsonPropertyName("ratio")] double? Ratio,
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("synthetic")] bool? Synthetic,
    [property: JsonPropertyName("seed")] int Seed)
{
    public const string KnowledgePhase = "knowledge";
    public const string SkillsPhase = "skills";

    /// <summary>Entries a mix may list: each is a file read at merge.</summary>
    public const int MaxSources = 16;

    public const int MaxRows = 10_000_000;

    internal static List<MixSource> Parse(string path, YamlNode node)
    {
        const string Shape = "mix is a list of { path: data/previous.jsonl, rows: 1000 } or { path: ..., ratio: 0.5 }, each with an optional phase (knowledge or skills), synthetic (true/false) and seed";
        if (node is not YamlSequence items || items.Items.Count > MaxSources)
        {
            throw new ConfigException($"{ContribBotConfig.Where(path, node.Start)}: {Shape}; at most {MaxSources} entries.");
        }

        var sources = new List<MixSource>();
        foreach (var item in items.Items)
        {
            if (item is not YamlMapping fields) throw new ConfigException($"{ContribBotConfig.Where(path, item.Start)}: {Shape}.");
            var source = new MixSource(string.Empty, null, null, SkillsPhase, null, 0);
            foreach (var entry in fields.Entries)
            {
                source = ContribBotConfig.KeyName(path, entry) switch
                {
                    "path" => source with { Path = RelativePath(path, entry) },
                    "rows" => source with { Rows = ContribBotConfig.Integer(path, entry, 0, MaxRows) },
                    "ratio" => source with { Ratio = (double)ContribBotConfig.Number(path, entry, 0, 100) },
                    "phase" => source with
                    {
                        Phase = entry.Value is YamlScalar { Text: KnowledgePhase or SkillsPhase } phase
                            ? phase.Text
                            : throw new ConfigException($"{ContribBotConfig.Where(path, entry.Value.Start)}: a mix entry's phase is knowledge or skills."),
                    },
                    "synthetic" => source with { Synthetic = ContribBotConfig.Boolean(path, entry) },
                    "seed" => source with { Seed = ContribBotConfig.Integer(path, entry, 0, int.MaxValue) },
                    var key => throw new ConfigException($"{ContribBotConfig.Where(path, entry.Key.Start)}: unknown setting '{key}' in a mix entry. Known: path, rows, ratio, phase, synthetic, seed."),
                };
            }

            if (source.Path.Length == 0) throw new ConfigException($"{ContribBotConfig.Where(path, item.Start)}: a mix entry needs its path.");
            if ((source.Rows is null) == (source.Ratio is null))
            {
                throw new ConfigException($"{ContribBotConfig.Where(path, item.Start)}: a mix entry gives either rows (a count) or ratio (rows per synthetic row of its phase), not both or neither.");
            }

            sources.Add(source);
        }

        return sources;
    }

    /// <summary>A path inside the taxonomy (relative, no '..'): the settings file may be a pull request's own.</summary>
    private static string RelativePath(string path, YamlMappingEntry entry)
    {
        var file = entry.Value is YamlScalar scalar ? scalar.Text.Trim() : string.Empty;
        if (!Limits.RelativePaths.StaysInside(file))
        {
            throw new ConfigException($"{ContribBotConfig.Where(path, entry.Value.Start)}: a mix path is a JSON Lines file inside the taxonomy (relative, without '..').");
        }

        return file.Replace('\\', '/');
    }
}
