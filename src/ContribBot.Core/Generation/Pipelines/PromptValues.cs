using System.Globalization;
using System.Text;

namespace ContribBot.Core.Generation.Pipelines;

/// <summary>
/// The placeholder values of each prompt, built in one place for the pipelines that send the prompts and for the
/// dry-run planner that counts their tokens, so the plan counts exactly what a run would send.
/// </summary>
internal static class PromptValues
{
    public static Dictionary<string, string> FreeformQuestions(LeafSeeds seeds, SeedPair seed, int count) => new()
    {
        ["task_description"] = seeds.TaskDescription,
        ["seed_question"] = seed.Question,
        ["count"] = Number(count),
    };

    public static Dictionary<string, string> GroundedContext(LeafSeeds seeds, SeedExample seed) => new()
    {
        ["task_description"] = seeds.TaskDescription,
        ["seed_context"] = seed.Context ?? string.Empty,
    };

    public static Dictionary<string, string> GroundedQuestions(LeafSeeds seeds, string context, SeedPair seed, int count) => new()
    {
        ["task_description"] = seeds.TaskDescription,
        ["context"] = context,
        ["seed_question"] = seed.Question,
        ["count"] = Number(count),
    };

    /// <param name="context">The passage a grounded skill's question is about; null for freeform skills.</param>
    public static Dictionary<string, string> Answer(LeafSeeds seeds, SeedPair seed, string? context, string question) => new()
    {
        ["task_description"] = seeds.TaskDescription,
        ["seed_question"] = seed.Question,
        ["seed_answer"] = seed.Answer,
        ["context_block"] = ContextBlock(context),
        ["question"] = question,
    };

    public static Dictionary<string, string> SkillCritic(LeafSeeds seeds, string? context, string question, string answer) => new()
    {
        ["task_description"] = seeds.TaskDescription,
        ["context_block"] = ContextBlock(context),
        ["question"] = question,
        ["answer"] = answer,
    };

    public static Dictionary<string, string> KnowledgePairs(LeafSeeds seeds, string chunk, SeedExample seed, int count) => new()
    {
        ["domain"] = seeds.Domain,
        ["document_outline"] = seeds.DocumentOutline,
        ["chunk"] = chunk,
        ["seed_pairs"] = Example(seed),
        ["count"] = Number(count),
    };

    public static Dictionary<string, string> KnowledgeCritic(string chunk, string question, string answer) => new()
    {
        ["chunk"] = chunk,
        ["question"] = question,
        ["answer"] = answer,
    };

    public static Dictionary<string, string> Evolve(LeafSeeds seeds, string question, string operation) => new()
    {
        ["task_description"] = seeds.TaskDescription,
        ["operation"] = operation,
        ["question"] = question,
    };

    public static Dictionary<string, string> EvolveBreadth(LeafSeeds seeds, string question) => new()
    {
        ["task_description"] = seeds.TaskDescription,
        ["question"] = question,
    };

    public static Dictionary<string, string> EvolveEqual(string parent, string question) => new()
    {
        ["parent"] = parent,
        ["question"] = question,
    };

    /// <param name="task">The skill's task description, or a knowledge leaf's domain.</param>
    public static Dictionary<string, string> Revise(string task, string? context, string question, string answer, string critique) => new()
    {
        ["task_description"] = task,
        ["context_block"] = ContextBlock(context),
        ["question"] = question,
        ["answer"] = answer,
        ["critique"] = critique,
    };

    public static Dictionary<string, string> KnowledgeVoice(LeafSeeds seeds, string chunk, Configuration.Voice voice) => new()
    {
        ["domain"] = seeds.Domain,
        ["document_outline"] = seeds.DocumentOutline,
        ["chunk"] = chunk,
        ["style"] = voice.Style,
        ["audience"] = voice.Audience,
    };

    private static string ContextBlock(string? context) =>
        context is null ? string.Empty : $"\nThe request is about this passage:\n<passage>\n{context}\n</passage>\n";

    /// <summary>A knowledge seed example as the style guide: its excerpt, then its question-and-answer pairs.</summary>
    private static string Example(SeedExample example)
    {
        var text = new StringBuilder();
        text.Append("Excerpt: ").Append(example.Context).Append('\n');
        foreach (var pair in example.Pairs) text.Append("Q: ").Append(pair.Question).Append("\nA: ").Append(pair.Answer).Append('\n');
        return text.ToString().TrimEnd();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
