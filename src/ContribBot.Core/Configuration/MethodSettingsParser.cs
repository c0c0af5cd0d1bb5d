using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Configuration;

/// <summary>Reads the <c>evolve:</c>, <c>revise:</c> and <c>represent:</c> sections of the settings file.</summary>
internal static class MethodSettingsParser
{
    /// <summary>At most this many voices: each is one more call per chunk, and the file may be a pull request's.</summary>
    public const int MaxVoices = 16;

    public static EvolutionSettings? EvolutionSwitch(string path, YamlNode node) => IsOn(path, node, "evolve") ? new EvolutionSettings(1, true, 2) : null;

    /// <summary><c>evolve: { depth: 1–3, breadth: true, per_seed: N }</c>.</summary>
    public static EvolutionSettings Evolution(string path, YamlMapping body)
    {
        var settings = new EvolutionSettings(1, true, 2);
        foreach (var entry in body.Entries)
        {
            settings = ContribBotConfig.KeyName(path, entry) switch
            {
                "depth" => settings with { Depth = ContribBotConfig.Integer(path, entry, 1, EvolutionSettings.MaxDepth) },
                "breadth" => settings with { Breadth = ContribBotConfig.Boolean(path, entry) },
                "per_seed" => settings with { PerSeed = ContribBotConfig.Integer(path, entry, 1, 100) },
                var key => throw new ConfigException($"{ContribBotConfig.Where(path, entry.Key.Start)}: unknown setting 'evolve.{key}'. Known: depth, breadth, per_seed."),
            };
        }

        return settings;
    }

    public static RevisionSettings? RevisionSwitch(string path, YamlNode node) => IsOn(path, node, "revise") ? new RevisionSettings(1) : null;

    /// <summary><c>revise: { margin: N }</c>.</summary>
    public static RevisionSettings Revision(string path, YamlMapping body)
    {
        var settings = new RevisionSettings(1);
        foreach (var entry in body.Entries)
        {
            settings = ContribBotConfig.KeyName(path, entry) switch
            {
                "margin" => settings with { Margin = ContribBotConfig.Integer(path, entry, 1, 3) },
                var key => throw new ConfigException($"{ContribBotConfig.Where(path, entry.Key.Start)}: unknown setting 'revise.{key}'. Known: margin."),
            };
        }

        return settings;
    }

    /// <summary><c>represent: [{ style: textbook section, audience: college students }, …]</c>.</summary>
    public static List<Voice> Voices(string path, YamlNode node)
    {
        const string Shape = "represent is a list of { style: ..., audience: ... }, e.g. [{ style: textbook section, audience: college students }]";
        if (node is not YamlSequence items || items.Items.Count > MaxVoices)
        {
            throw new ConfigException($"{ContribBotConfig.Where(path, node.Start)}: {Shape}, at most {MaxVoices}.");
        }

        var voices = new List<Voice>();
        foreach (var item in items.Items)
        {
            if (item is not YamlMapping fields || fields["style"] is not YamlScalar style || fields["audience"] is not YamlScalar audience ||
                fields.Entries.Count != 2 || !Plain(style.Text) || !Plain(audience.Text))
            {
                throw new ConfigException($"{ContribBotConfig.Where(path, item.Start)}: {Shape}; each a short phrase (at most 80 characters).");
            }

            var voice = new Voice(style.Text.Trim(), audience.Text.Trim());
            if (voices.Contains(voice)) throw new ConfigException($"{ContribBotConfig.Where(path, item.Start)}: the voice '{voice.Name}' is listed twice.");
            voices.Add(voice);
        }

        return voices;
    }

    /// <summary>A phrase that goes into a prompt: short, one line.</summary>
    private static bool Plain(string text) => text.Trim().Length is > 0 and <= 80 && !text.Any(char.IsControl);

    private static bool IsOn(string path, YamlNode node, string name) =>
        node is YamlScalar { Type: YamlScalarType.Boolean } scalar
            ? scalar.Text.ToLowerInvariant() is "true" or "yes" or "on"
            : throw new ConfigException($"{ContribBotConfig.Where(path, node.Start)}: {name} is true, false, or a mapping of its settings.");
}
