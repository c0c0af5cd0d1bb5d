using ContribBot.Core.Taxonomy.Yaml;

namespace ContribBot.Core.Validation.Schema;

/// <summary>Fix hints for schema errors, worded for a subject-matter expert rather than a programmer.</summary>
internal static class FieldHints
{
    public static string ForMissing(string field) => field switch
    {
        "version" => "Add `version: 3` at the top of the file.",
        "created_by" => "Add `created_by: <your GitHub login>` at the top of the file.",
        "task_description" => "Add `task_description:` with one sentence saying what the skill teaches.",
        "domain" => "Add `domain:` with a short name for the knowledge area, like a chapter title.",
        "document_outline" => "Add `document_outline:` with a one-sentence summary of the document.",
        "document" => "Add a `document:` section with `repo:`, `commit:` and `patterns:` pointing at your Markdown files.",
        "seed_examples" => "Add `seed_examples:` with at least five examples.",
        "questions_and_answers" => "Add `questions_and_answers:` with at least three question/answer pairs about this context.",
        "question" or "answer" or "context" => $"Add `{field}:` to this item.",
        "repo" => "Add `repo:` with the https URL of the git repository holding the document.",
        "commit" => "Add `commit:` with the full 40-character SHA of the commit holding the document.",
        "patterns" => "Add `patterns:` with a list of globs such as `- \"*.md\"`.",
        _ => $"Add `{field}:`.",
    };

    public static string ForUnknown(string field, IReadOnlyList<string> allowed)
    {
        var list = allowed.Count == 0 ? string.Empty : $" Fields allowed here: {string.Join(", ", allowed)}.";
        return field switch
        {
            "attribution" => "Attribution goes in a separate `attribution.txt` next to qna.yaml, not in the YAML." + list,
            "task_description" when allowed.Contains("domain") =>
                "Knowledge leaves use `document_outline` (and `domain`) instead of `task_description`." + list,
            _ => "Remove the field or fix its spelling." + list,
        };
    }

    public static string ForTooFew(string? list) => list switch
    {
        "seed_examples" => "Add seed examples until there are at least five distinct ones; each should show a different facet.",
        "questions_and_answers" => "Give each context at least three distinct question/answer pairs.",
        _ => "Add more items.",
    };

    public static string ForWrongType(YamlNode? node, string expected, string? key) => node switch
    {
        YamlScalar { Type: YamlScalarType.Null } when expected == "text" =>
            "Write the text after the colon, or use '|' and indented lines below for several lines.",
        YamlScalar scalar when expected == "text" =>
            $"Quote it so YAML reads it as text: {key ?? "field"}: \"{scalar.Text.Replace("\"", "\\\"", StringComparison.Ordinal)}\"",
        _ when expected == "a list" => "Write it as a list: each item on its own line starting with '- '.",
        _ when expected == "a whole number" => "Write a whole number without quotes, such as `version: 3`.",
        _ => $"Change it to {expected}.",
    };
}
