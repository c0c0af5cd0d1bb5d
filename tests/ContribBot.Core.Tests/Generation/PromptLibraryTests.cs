using System.Text.Json;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Tests.Generation;

public sealed class PromptLibraryTests
{
    [Fact]
    public void Every_prompt_has_a_versioned_id_with_a_content_hash_and_a_strict_json_schema()
    {
        var prompts = PromptLibrary.Default.All.ToList();

        Assert.Equal(12, prompts.Count);
        foreach (var prompt in prompts)
        {
            Assert.Matches(@"^[a-z-]+\.v\d+@[0-9a-f]{12}$", prompt.Id);
            using var schema = JsonDocument.Parse(prompt.Schema);
            Assert.False(schema.RootElement.GetProperty("additionalProperties").GetBoolean());
            Assert.NotEmpty(schema.RootElement.GetProperty("required").EnumerateArray());
        }
    }

    [Fact]
    public void Rendering_fills_every_placeholder_and_a_missing_value_is_an_error()
    {
        var prompt = PromptLibrary.Default.FreeformQuestions;
        var values = new Dictionary<string, string> { ["task_description"] = "Write haiku.", ["seed_question"] = "A haiku on rain?", ["count"] = "4" };

        var request = prompt.Render(ChatRole.Teacher, values, 0.7, 100);

        Assert.DoesNotContain("{{", request.User, StringComparison.Ordinal);
        Assert.Contains("Write 4 new questions", request.User, StringComparison.Ordinal);
        Assert.Contains("A haiku on rain?", request.User, StringComparison.Ordinal);
        Assert.Equal("freeform-questions", request.SchemaName);
        values.Remove("count");
        Assert.Throws<InvalidOperationException>(() => prompt.Render(ChatRole.Teacher, values, 0.7, 100));
    }

    [Fact]
    public void Contributed_text_that_looks_like_a_placeholder_is_not_expanded_again()
    {
        var request = PromptLibrary.Default.FreeformQuestions.Render(ChatRole.Teacher,
            new Dictionary<string, string> { ["task_description"] = "{{count}}", ["seed_question"] = "q", ["count"] = "3" }, 0.7, 100);

        Assert.Contains("Task: {{count}}", request.User, StringComparison.Ordinal);
    }
}
