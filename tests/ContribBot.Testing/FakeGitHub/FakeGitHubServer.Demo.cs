using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ContribBot.Testing.FakeGitHub;

/// <summary>The pull request the demo plays with: which repository, which number, which installation.</summary>
public sealed record FakeDemo(string Repository, int PullRequest, long Installation);

/// <summary>
/// For trying the App by hand (the fake as a program): <c>POST /_fake/deliver/pull_request</c> and
/// <c>POST /_fake/deliver/issue_comment?body=…&amp;association=…</c> send the App a signed delivery as GitHub would;
/// <c>GET /_fake/state</c> shows the check runs, comments and reactions the App made.
/// </summary>
public sealed partial class FakeGitHubServer
{
    /// <summary>On when set: the /_fake endpoints.</summary>
    public FakeDemo? Demo { get; set; }

    private async Task<(HttpStatusCode, JsonNode)> DemoRequestAsync(HttpContext context, string[] segments)
    {
        var demo = Demo!;
        switch (context.Request.Method, segments)
        {
            case ("GET", ["_fake", "state"]):
                var (owner, name) = (demo.Repository.Split('/')[0], demo.Repository.Split('/')[1]);
                return Ok(new JsonObject
                {
                    ["check_runs"] = new JsonArray(CheckRuns.Select(run => (JsonNode)run.ToJson(owner, name)).ToArray()),
                    ["comments"] = new JsonArray(Comments.Select(comment => (JsonNode)comment.ToJson(owner, name)).ToArray()),
                    ["reactions"] = new JsonArray(Reactions.Select(r => (JsonNode)new JsonObject { ["comment_id"] = r.CommentId, ["content"] = r.Content }).ToArray()),
                });
            case ("POST", ["_fake", "deliver", var eventName]) when Webhook is not null:
                var query = context.Request.Query;
                var payload = eventName switch
                {
                    "pull_request" => WebhookPayloads.PullRequest(query["action"].FirstOrDefault() ?? "opened", demo.Repository, demo.PullRequest, HeadSha, CloneUrl ?? string.Empty,
                        demo.Installation),
                    "issue_comment" => WebhookPayloads.IssueComment(demo.Repository, demo.PullRequest, Interlocked.Increment(ref _nextId),
                        query["body"].FirstOrDefault() ?? "/contribbot help", query["login"].FirstOrDefault() ?? "maintainer", query["association"].FirstOrDefault() ?? "MEMBER",
                        CloneUrl ?? string.Empty, demo.Installation),
                    _ => null,
                };
                if (payload is null) return (HttpStatusCode.NotFound, new JsonObject { ["message"] = "only pull_request and issue_comment are sent" });
                var guid = Guid.NewGuid().ToString();
                var status = await PostDeliveryAsync(guid, eventName, payload).ConfigureAwait(false);
                AddDelivery(guid, eventName, payload, status);
                return Ok(new JsonObject { ["delivery"] = guid, ["status"] = status });

            default:
                return (HttpStatusCode.NotFound, new JsonObject { ["message"] = "Not Found" });
        }
    }
}
