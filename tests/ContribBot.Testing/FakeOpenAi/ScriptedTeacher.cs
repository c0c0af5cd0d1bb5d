using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ContribBot.Testing.FakeOpenAi;

/// <summary>
/// A deterministic stand-in for a good teacher and critic: recognises which prompt it was sent (by the JSON it is
/// asked for, so it works with and without <c>response_format</c>) and answers in kind. Generated questions are built
/// from a word list, indexed by a number derived from the prompt (and how often that prompt was seen), so they are
/// distinct, and the same prompts get the same replies however calls interleave; the critic passes
/// everything unless <see cref="Scores"/> says otherwise. Knowledge answers reuse the chunk's own words (grounded).
/// </summary>
public sealed partial class ScriptedTeacher
{
    private static readonly string[] Words =
    [
        "river", "lantern", "orchard", "glacier", "harbor", "meadow", "violin", "comet", "desert", "falcon", "garden", "island",
        "jungle", "kettle", "ladder", "mirror", "needle", "oyster", "pepper", "quarry", "saddle", "tunnel", "umbrella", "valley",
        "walnut", "yarrow", "zephyr", "anchor", "bramble", "canyon", "dolphin", "ember", "fjord", "granite", "hollow", "ivory",
    ];

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>The critic's scores by name; a test lowers one to see samples dropped for it.</summary>
    public Dictionary<string, int> Scores { get; } = new(StringComparer.Ordinal)
    {
        ["question_quality"] = 1,
        ["answer_quality"] = 3,
        ["faithfulness"] = 1,
        ["relevancy"] = 2,
    };

    /// <summary>
    /// Replies from the prompt alone, however often it was seen: a call sent again after a crash gets the reply it got
    /// before, as "the same teacher replies" needs (the request does not tell a resend from the next draw).
    /// </summary>
    public bool Stateless { get; init; }

    /// <summary>The critic judges every evolved question equal to its parent (Evol-Instruct's "no information gained").</summary>
    public bool EvolutionsEqual { get; set; }

    /// <summary>Evolved questions repeat the words of the prompt that asked for them ("rewritten request").</summary>
    public bool EvolutionsCopyPrompt { get; set; }

    /// <summary>Questions evolved in depth get a short apology as their answer.</summary>
    public bool ApologiseToEvolved { get; set; }

    /// <summary>A revised answer passes the critic with full marks, whatever <see cref="Scores"/> says (so a revision shows its effect).</summary>
    public bool RevisionsPass { get; set; } = true;

    /// <summary>Wraps every reply as a server that ignores response_format might: null (bare JSON), "fence" or "chatter".</summary>
    public string? Wrapping { get; set; }

    public FakeReply Reply(FakeChatCall call)
    {
        var json = Answer(call.User);
        return FakeReply.Message(Wrapping switch
        {
            "fence" => $"Here you go:\n```json\n{json}\n```\n",
            "chatter" => $"Sure! {json} Let me know if you need more.",
            _ => json,
        });
    }

    private string Answer(string prompt)
    {
        if (prompt.Contains("{\"evolved_question\"", StringComparison.Ordinal)) return Evolved(prompt);
        if (prompt.Contains("{\"same\"", StringComparison.Ordinal))
        {
            return new JsonObject { ["same"] = EvolutionsEqual, ["reason"] = EvolutionsEqual ? "nothing was added" : "the second asks for more" }.ToJsonString();
        }

        if (prompt.Contains("{\"revised_answer\"", StringComparison.Ordinal))
        {
            var question = Between(prompt, "<question>", "</question>");
            var critique = Between(prompt, "<critique>", "</critique>");
            return new JsonObject { ["revised_answer"] = $"A revised answer about {question.TrimEnd('?')}, fixing what the critique said ({critique}), in full sentences." }.ToJsonString();
        }

        if (prompt.Contains("{\"request\"", StringComparison.Ordinal)) return Voiced(prompt);
        var revised = RevisionsPass && Between(prompt, "<answer>", "</answer>").StartsWith("A revised answer", StringComparison.Ordinal);
        if (prompt.Contains("\"faithfulness\"", StringComparison.Ordinal))
        {
            return revised ? Passing("faithfulness", "relevancy", "question_quality") : Verdict("faithfulness", "relevancy", "question_quality");
        }

        if (prompt.Contains("\"answer_quality\"", StringComparison.Ordinal))
        {
            return revised ? Passing("question_quality", "answer_quality") : Verdict("question_quality", "answer_quality");
        }
        if (prompt.Contains("{\"pairs\"", StringComparison.Ordinal))
        {
            var chunk = Between(prompt, "<document>", "</document>");
            var count = Count(prompt);
            var pairs = new JsonArray();
            var first = Next(prompt);
            for (var i = 0; i < count; i++)
            {
                var n = first + i;
                pairs.Add(new JsonObject { ["question"] = Question(n, "explain"), ["answer"] = Sentence(chunk, n) });
            }

            return new JsonObject { ["pairs"] = pairs }.ToJsonString();
        }

        if (prompt.Contains("{\"questions\"", StringComparison.Ordinal))
        {
            var questions = new JsonArray();
            var first = Next(prompt);
            // Questions about a passage are worded apart from freeform ones, as a real teacher's would be.
            var aboutPassage = prompt.Contains("<passage>", StringComparison.Ordinal);
            for (var i = 0; i < Count(prompt); i++) questions.Add(aboutPassage ? PassageQuestion(first + i) : Question(first + i, "describe"));
            return new JsonObject { ["questions"] = questions }.ToJsonString();
        }

        if (prompt.Contains("{\"context\"", StringComparison.Ordinal))
        {
            var n = Next(prompt);
            return new JsonObject { ["context"] = $"Minutes of meeting {n}: {Word(n)} team agreed that {Word(n + 7)} ships on Friday; {Word(n + 11)} reviews the plan." }.ToJsonString();
        }

        if (prompt.Contains("{\"answer\"", StringComparison.Ordinal))
        {
            var question = Between(prompt, "<question>", "</question>");
            if (ApologiseToEvolved && question.Contains(" Moreover, ", StringComparison.Ordinal))
            {
                return new JsonObject { ["answer"] = "I am sorry, but I cannot answer that request." }.ToJsonString();
            }

            return new JsonObject { ["answer"] = $"A careful answer about {question.TrimEnd('?')}, in three clear sentences." }.ToJsonString();
        }

        return "I do not recognise this prompt.";
    }

    /// <summary>In depth: the request with one more demand (named after the operation asked for); in breadth: a new, rarer request.</summary>
    private string Evolved(string prompt)
    {
        var request = Between(prompt, "<request>", "</request>").TrimEnd('?', '.');
        var n = Next(prompt);
        var evolved = prompt.Contains("brand-new request", StringComparison.Ordinal)
            ? $"How would you explain the rare {Word(n + 3)} of a {Word(n + 9)} to a curious {Word(n + 17)} keeper?"
            : $"{request}? Moreover, {Operation(prompt)} the {Word(n)} and the {Word(n + 5)}.";
        if (EvolutionsCopyPrompt) evolved = "#Rewritten Prompt#: " + evolved;
        return new JsonObject { ["evolved_question"] = evolved }.ToJsonString();
    }

    private static string Operation(string prompt) =>
        prompt.Contains("constraint", StringComparison.Ordinal) ? "under one added constraint, compare"
        : prompt.Contains("more depth", StringComparison.Ordinal) ? "in more depth, weigh"
        : prompt.Contains("more specific", StringComparison.Ordinal) ? "concretely, name"
        : prompt.Contains("steps of reasoning", StringComparison.Ordinal) ? "step by step, reason about"
        : "given a small table, relate";

    /// <summary>A text in the voice asked for, made of the chunk's own sentences (so it stays grounded).</summary>
    private string Voiced(string prompt)
    {
        var chunk = Between(prompt, "<document>", "</document>");
        var voice = VoicePattern().Match(prompt);
        var (style, audience) = voice.Success ? (voice.Groups[1].Value, voice.Groups[2].Value) : ("text", "readers");
        var n = Next(prompt);
        return new JsonObject
        {
            ["request"] = $"Write a {style} for {audience} on what the passage beginning \"{string.Join(' ', chunk.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6))}\" teaches.",
            ["text"] = $"As a {style} for {audience}: {Sentence(chunk, n)} {Sentence(chunk, n + 1)} In short, {audience} should remember this.",
        }.ToJsonString();
    }

    private static string Passing(params string[] names)
    {
        var verdict = new JsonObject();
        foreach (var name in names) verdict[name] = name switch { "answer_quality" => 3, "relevancy" => 2, _ => 1 };
        verdict["reason"] = "the revision fixed it";
        return verdict.ToJsonString();
    }

    /// <summary>A number from the prompt's content and how many times it was seen before (FNV-1a, stable across runs).</summary>
    private int Next(string prompt)
    {
        var seen = Stateless ? 0 : _seen.AddOrUpdate(prompt, 0, (_, times) => times + 1);
        var hash = 2166136261u;
        foreach (var c in prompt) hash = (hash ^ c) * 16777619u;
        return (int)(hash % 10007) + seen * 101;
    }

    private string Verdict(params string[] names)
    {
        var verdict = new JsonObject();
        foreach (var name in names) verdict[name] = Scores[name];
        verdict["reason"] = "scripted verdict: the answer should name its sources";
        return verdict.ToJsonString();
    }

    private static string Question(int n, string verb) =>
        $"How would you {verb} the {Word(n)} beside the {Word(n * 7 + 3)} to someone who has never seen a {Word(n * 13 + 5)}?";

    private static string PassageQuestion(int n) =>
        $"Which tasks in the passage fall to the {Word(n)} team, and what must the {Word(n * 7 + 3)} group finish before the {Word(n * 13 + 5)} review?";

    private static string Word(int n) => Words[n % Words.Length];

    /// <summary>A sentence of the chunk (so the answer is grounded in it), chosen by the counter.</summary>
    private static string Sentence(string chunk, int n)
    {
        var sentences = chunk.Split(['.', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length > 20).ToList();
        return sentences.Count == 0 ? chunk.Trim() : sentences[n % sentences.Count] + ".";
    }

    private static int Count(string prompt) => CountPattern().Match(prompt) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 3;

    private static string Between(string text, string open, string close)
    {
        var start = text.IndexOf(open, StringComparison.Ordinal);
        if (start < 0) return string.Empty;
        start += open.Length;
        var end = text.IndexOf(close, start, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end].Trim();
    }

    [GeneratedRegex(@"Write a (.+?) for (.+?) that teaches")]
    private static partial Regex VoicePattern();

    [GeneratedRegex(@"Write (\d+) ")]
    private static partial Regex CountPattern();
}
