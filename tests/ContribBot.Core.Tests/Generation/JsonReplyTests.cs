using ContribBot.Core.Generation;

namespace ContribBot.Core.Tests.Generation;

public sealed class JsonReplyTests
{
    [Theory]
    [InlineData("""{"answer": "42"}""")]
    [InlineData("""  {"answer": "42"}  """)]
    [InlineData("Sure, here it is:\n```json\n{\"answer\": \"42\"}\n```\nAnything else?")]
    [InlineData("```\n{\"answer\": \"42\"}\n```")]
    [InlineData("The JSON you asked for: {\"answer\": \"42\"} -- hope that helps {not json}")]
    [InlineData("{broken} then {\"answer\": \"42\"}")]
    public void Reads_the_object_whether_bare_fenced_or_surrounded_by_chatter(string reply)
    {
        var json = JsonReply.TryParse(reply);

        Assert.NotNull(json);
        Assert.Equal("42", json.Value.GetProperty("answer").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("I'm sorry, I can't produce JSON.")]
    [InlineData("""{"answer": "42", "more": [1, 2""")]
    [InlineData("""["an", "array"]""")]
    [InlineData("```json\n{\"answer\": \n```")]
    public void Gives_null_for_replies_that_hold_no_complete_object(string reply) => Assert.Null(JsonReply.TryParse(reply));

    [Fact]
    public void Braces_inside_strings_do_not_confuse_the_search()
    {
        var json = JsonReply.TryParse("""Result: {"answer": "use } and { freely", "n": 1}""");

        Assert.Equal("use } and { freely", json!.Value.GetProperty("answer").GetString());
    }

    [Fact]
    public void Refuses_to_parse_runaway_replies() =>
        Assert.Null(JsonReply.TryParse("{\"answer\": \"" + new string('a', JsonReply.MaxLength) + "\"}"));

    [Fact]
    public void Deeply_nested_json_is_rejected_rather_than_recursed_into() =>
        Assert.Null(JsonReply.TryParse(new string('[', 5000) + new string(']', 5000)));
}
