using System.Text;
using ContribBot.Bot.Events;
using ContribBot.Testing.FakeGitHub;
using Octokit.Webhooks.Events;

namespace ContribBot.Bot.Tests;

/// <summary>Payloads read through Octokit.Webhooks' types into what the bot acts on.</summary>
public sealed class BotEventsTests
{
    private static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void A_pull_request_push_names_its_head_commit_branch_and_clone_urls()
    {
        var head = BotEvents.NewHead((PullRequestEvent)BotEvents.Read("pull_request", Bytes(WebhookPayloads.PullRequest("synchronize", "octo-org/taxonomy", 12, new string('a', 40), "/srv/taxonomy"))));

        Assert.NotNull(head);
        Assert.Equal(("octo-org", "taxonomy", 12, 77L), (head.PullRequest.Owner, head.PullRequest.Name, head.PullRequest.Number, head.PullRequest.InstallationId));
        Assert.Equal((new string('a', 40), "pr", "main", "/srv/taxonomy"), (head.HeadSha, head.HeadRef, head.BaseRef, head.HeadCloneUrl));
    }

    [Fact]
    public void A_closed_pull_request_asks_for_no_check()
    {
        var closed = (PullRequestEvent)BotEvents.Read("pull_request", Bytes(WebhookPayloads.PullRequest("closed", "octo-org/taxonomy", 12, new string('a', 40), "/srv/t")));

        Assert.Null(BotEvents.NewHead(closed));
    }

    [Fact]
    public void A_comment_carries_its_author_and_their_association()
    {
        var comment = BotEvents.Comment((IssueCommentEvent)BotEvents.Read("issue_comment",
            Bytes(WebhookPayloads.IssueComment("octo-org/taxonomy", 12, 901, "/contribbot help", "maintainer", "MEMBER", "/srv/t"))));

        Assert.NotNull(comment);
        Assert.Equal((901L, "/contribbot help", "maintainer", "MEMBER", false), (comment.CommentId, comment.Body, comment.Author, comment.AuthorAssociation, comment.Edited));
    }

    [Fact]
    public void A_rerequested_check_run_names_its_pull_requests()
    {
        var run = (CheckRunEvent)BotEvents.Read("check_run", Bytes(WebhookPayloads.CheckRunRerequested("octo-org/taxonomy", 12, new string('a', 40), "/srv/t", 555)));

        Assert.Equal([12], BotEvents.Rerequested(run, "ContribBot").Select(p => p.Number));
        Assert.Empty(BotEvents.Rerequested(run, "SomeoneElse"));
    }

    [Fact]
    public void A_push_reads_as_one()
    {
        var push = (PushEvent)BotEvents.Read("push", Bytes(WebhookPayloads.Push("octo-org/taxonomy", "main", new string('1', 40), new string('2', 40), "/srv/t")));

        Assert.Equal("refs/heads/main", push.Ref);
    }

    [Theory]
    [InlineData("""{"action": "opened"}""")]
    [InlineData("""{"action": "opened", "number": "twelve", "pull_request": 5}""")]
    [InlineData("not json")]
    [InlineData("[1, 2, 3]")]
    public void A_payload_GitHub_would_not_send_is_a_clear_error(string payload)
    {
        var error = Assert.Throws<BotEventException>(() => BotEvents.Read("pull_request", Bytes(payload)));

        Assert.StartsWith("the pull_request payload is not one GitHub sends", error.Message, StringComparison.Ordinal);
    }
}
