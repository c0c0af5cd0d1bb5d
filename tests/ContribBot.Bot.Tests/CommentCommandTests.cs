using ContribBot.Bot.Comments;

namespace ContribBot.Bot.Tests;

/// <summary>The comment command language: what is a command, and what each one asks for.</summary>
public sealed class CommentCommandTests
{
    [Theory]
    [InlineData("Looks good to me!")]
    [InlineData("> /contribbot preview\nquoted, not asked")]
    [InlineData("/contribbotpreview")]
    public void An_ordinary_comment_is_no_command(string body) => Assert.Null(CommentCommand.Parse(body));

    [Fact]
    public void The_first_command_line_counts_wherever_it_is()
    {
        Assert.Equal(new CommentCommand.Preview(12), CommentCommand.Parse("Thanks!\n\n  /contribbot preview --samples 12  \n/contribbot help"));
    }

    [Theory]
    [InlineData("/contribbot", typeof(CommentCommand.Help))]
    [InlineData("/contribbot help", typeof(CommentCommand.Help))]
    [InlineData("/ContribBot VALIDATE", typeof(CommentCommand.Validate))]
    [InlineData("/contribbot preview", typeof(CommentCommand.Preview))]
    public void Each_command_is_recognised(string body, Type expected) => Assert.IsType(expected, CommentCommand.Parse(body));

    [Fact]
    public void A_review_carries_each_verdict_and_one_reason()
    {
        var review = Assert.IsType<CommentCommand.Review>(CommentCommand.Parse("/contribbot review s3:bad S5:Good \"too close to seed 2\""));

        Assert.Equal([("s3", false), ("s5", true)], review.Verdicts);
        Assert.Equal("too close to seed 2", review.Reason);
    }

    [Theory]
    [InlineData("/contribbot preview --samples 0", "`preview` takes `--samples N` with N from 1 to 100")]
    [InlineData("/contribbot preview --samples 101", "`preview` takes `--samples N` with N from 1 to 100")]
    [InlineData("/contribbot review", "`review` needs at least one verdict, such as `s3:bad`")]
    [InlineData("/contribbot review s3:meh", "`s3:meh` is not a verdict")]
    [InlineData("/contribbot deploy", "`deploy` is not a command")]
    [InlineData("/contribbot validate now", "`validate` takes no options")]
    public void A_malformed_command_says_what_is_wrong(string body, string problem)
    {
        var unknown = Assert.IsType<CommentCommand.Unknown>(CommentCommand.Parse(body));

        Assert.StartsWith(problem, unknown.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_put_back_in_a_reply_cannot_break_out_of_its_code_span()
    {
        var unknown = Assert.IsType<CommentCommand.Unknown>(CommentCommand.Parse("/contribbot `rm`\u0007"));

        Assert.DoesNotContain("`rm`", unknown.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0007', unknown.Problem);
    }
}
