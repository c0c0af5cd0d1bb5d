using System.Reflection;
using System.Text.RegularExpressions;

namespace ContribBot.Core.Generation.Prompts;

/// <summary>
/// The prompts embedded in this assembly (from <c>Generation/Prompts/NAME.vN.txt</c>). When a prompt changes, its
/// file gets a new version number so old datasets keep naming the prompt that made them.
/// </summary>
public sealed partial class PromptLibrary
{
    private readonly Dictionary<string, PromptTemplate> _latest;

    private PromptLibrary(Dictionary<string, PromptTemplate> latest) => _latest = latest;

    public static PromptLibrary Default { get; } = Load();

    public IEnumerable<PromptTemplate> All => _latest.Values.OrderBy(prompt => prompt.Name, StringComparer.Ordinal);

    public PromptTemplate FreeformQuestions => this["freeform-questions"];

    public PromptTemplate GroundedContext => this["grounded-context"];

    public PromptTemplate GroundedQuestions => this["grounded-questions"];

    public PromptTemplate Answer => this["answer"];

    public PromptTemplate KnowledgePairs => this["knowledge-pairs"];

    public PromptTemplate SkillCritic => this["critic-skill"];

    public PromptTemplate KnowledgeCritic => this["critic-knowledge"];

    public PromptTemplate EvolveDepth => this["evolve-depth"];

    public PromptTemplate EvolveBreadth => this["evolve-breadth"];

    public PromptTemplate EvolveEqual => this["evolve-equal"];

    public PromptTemplate Revise => this["revise"];

    public PromptTemplate KnowledgeVoice => this["knowledge-voice"];

    public PromptTemplate this[string name] => _latest[name];

    /// <summary>
    /// The prompts a build with these settings can send: the base ones, and a method's own only when it is on, so
    /// turning nothing on keeps the recipe (and every cached leaf) of a build made before the methods existed.
    /// </summary>
    public IEnumerable<PromptTemplate> UsedBy(GenerationSettings settings) => All.Where(prompt => prompt.Name switch
    {
        "evolve-depth" or "evolve-equal" => settings.Evolve is not null,
        "evolve-breadth" => settings.Evolve is { Breadth: true },
        "revise" => settings.Revise is not null,
        "knowledge-voice" => settings.Voices.Count > 0,
        _ => true,
    });

    private static PromptLibrary Load()
    {
        var assembly = typeof(PromptLibrary).Assembly;
        var latest = new Dictionary<string, PromptTemplate>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var prompt = PromptTemplate.Parse(match.Groups[1].Value, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), reader.ReadToEnd());
            if (!latest.TryGetValue(prompt.Name, out var known) || known.Version < prompt.Version) latest[prompt.Name] = prompt;
        }

        return new PromptLibrary(latest);
    }

    [GeneratedRegex(@"^prompts/([a-z-]+)\.v(\d+)\.txt$")]
    private static partial Regex ResourceName();
}
