using System.Text.Json.Nodes;

namespace ContribBot.Testing.FakeGitHub;

/// <summary>
/// Webhook payloads in the shape GitHub sends them (every field Octokit.Webhooks requires is there), written here
/// for the repositories and pull requests a test builds. <paramref name="cloneUrl"/> is usually a local repository.
/// </summary>
public static class WebhookPayloads
{
    public static string PullRequest(string action, string repository, int number, string headSha, string cloneUrl, long installationId = 77,
        string headRef = "pr", string baseRef = "main") =>
        new JsonObject
        {
            ["action"] = action,
            ["number"] = number,
            // synchronize says which commit the branch moved from and to.
            ["before"] = new string('0', 40),
            ["after"] = headSha,
            ["pull_request"] = PullRequestObject(repository, number, headSha, cloneUrl, headRef, baseRef),
            ["repository"] = Repository(repository, cloneUrl),
            ["installation"] = Installation(installationId),
            ["sender"] = User("octocat"),
        }.ToJsonString();

    /// <param name="previousBody">For <c>edited</c>: the body before the edit (<c>changes.body.from</c>).</param>
    /// <param name="sender">Who caused the event (for an edit, the editor); default: the comment's author.</param>
    public static string IssueComment(string repository, int number, long commentId, string body, string login, string association, string cloneUrl,
        long installationId = 77, string action = "created", string userType = "User", string? previousBody = null, string? sender = null, string senderType = "User")
    {
        var payload = new JsonObject
        {
            ["action"] = action,
            ["issue"] = new JsonObject
            {
                ["url"] = Api(repository, $"issues/{number}"),
                ["repository_url"] = Api(repository, string.Empty),
                ["labels_url"] = Api(repository, $"issues/{number}/labels{{/name}}"),
                ["comments_url"] = Api(repository, $"issues/{number}/comments"),
                ["events_url"] = Api(repository, $"issues/{number}/events"),
                ["html_url"] = $"https://github.example/{repository}/pull/{number}",
                ["id"] = 5000 + number,
                ["node_id"] = $"PR_{number}",
                ["number"] = number,
                ["title"] = "Add a leaf",
                ["user"] = User("contributor"),
                ["labels"] = new JsonArray(),
                ["state"] = "open",
                ["locked"] = false,
                ["assignees"] = new JsonArray(),
                ["comments"] = 1,
                ["created_at"] = "2026-12-01T10:00:00Z",
                ["updated_at"] = "2026-12-01T10:00:00Z",
                ["author_association"] = "CONTRIBUTOR",
                ["body"] = "A new leaf.",
                ["pull_request"] = new JsonObject
                {
                    ["url"] = Api(repository, $"pulls/{number}"),
                    ["html_url"] = $"https://github.example/{repository}/pull/{number}",
                    ["diff_url"] = $"https://github.example/{repository}/pull/{number}.diff",
                    ["patch_url"] = $"https://github.example/{repository}/pull/{number}.patch",
                },
            },
            ["comment"] = new JsonObject
            {
                ["url"] = Api(repository, $"issues/comments/{commentId}"),
                ["html_url"] = $"https://github.example/{repository}/pull/{number}#issuecomment-{commentId}",
                ["issue_url"] = Api(repository, $"issues/{number}"),
                ["id"] = commentId,
                ["node_id"] = $"IC_{commentId}",
                ["user"] = User(login, userType),
                ["created_at"] = "2026-12-01T10:05:00Z",
                ["updated_at"] = "2026-12-01T10:05:00Z",
                ["author_association"] = association,
                ["body"] = body,
            },
            ["repository"] = Repository(repository, cloneUrl),
            ["installation"] = Installation(installationId),
            ["sender"] = sender is null ? User(login, userType) : User(sender, senderType),
        };
        if (previousBody is not null) payload["changes"] = new JsonObject { ["body"] = new JsonObject { ["from"] = previousBody } };
        return payload.ToJsonString();
    }

    public static string CheckRunRerequested(string repository, int number, string headSha, string cloneUrl, long checkRunId, long installationId = 77) =>
        new JsonObject
        {
            ["action"] = "rerequested",
            ["check_run"] = new JsonObject
            {
                ["id"] = checkRunId,
                ["node_id"] = $"CR_{checkRunId}",
                ["head_sha"] = headSha,
                ["external_id"] = string.Empty,
                ["url"] = Api(repository, $"check-runs/{checkRunId}"),
                ["html_url"] = $"https://github.example/{repository}/runs/{checkRunId}",
                ["details_url"] = $"https://github.example/{repository}/runs/{checkRunId}",
                ["status"] = "completed",
                ["conclusion"] = "failure",
                ["started_at"] = "2026-12-01T10:00:00Z",
                ["completed_at"] = "2026-12-01T10:01:00Z",
                ["output"] = new JsonObject { ["title"] = "t", ["summary"] = "s", ["text"] = null, ["annotations_count"] = 0, ["annotations_url"] = Api(repository, "a") },
                ["name"] = "ContribBot",
                ["check_suite"] = new JsonObject
                {
                    ["id"] = 9,
                    ["node_id"] = "CS_9",
                    ["head_branch"] = "pr",
                    ["head_sha"] = headSha,
                    ["status"] = "completed",
                    ["conclusion"] = "failure",
                    ["url"] = Api(repository, "check-suites/9"),
                    ["before"] = headSha,
                    ["after"] = headSha,
                    ["pull_requests"] = new JsonArray(CheckRunPull(repository, number, headSha)),
                    ["app"] = App(),
                    ["created_at"] = "2026-12-01T10:00:00Z",
                    ["updated_at"] = "2026-12-01T10:00:00Z",
                },
                ["app"] = App(),
                ["pull_requests"] = new JsonArray(CheckRunPull(repository, number, headSha)),
            },
            ["repository"] = Repository(repository, cloneUrl),
            ["installation"] = Installation(installationId),
            ["sender"] = User("maintainer"),
        }.ToJsonString();

    public static string Push(string repository, string branch, string before, string after, string cloneUrl, long installationId = 77) =>
        new JsonObject
        {
            ["ref"] = $"refs/heads/{branch}",
            ["before"] = before,
            ["after"] = after,
            ["created"] = false,
            ["deleted"] = false,
            ["forced"] = false,
            ["compare"] = $"https://github.example/{repository}/compare/{before[..7]}...{after[..7]}",
            ["commits"] = new JsonArray(),
            ["pusher"] = new JsonObject { ["name"] = "maintainer", ["email"] = "maintainer@example.invalid" },
            ["repository"] = Repository(repository, cloneUrl),
            ["installation"] = Installation(installationId),
            ["sender"] = User("maintainer"),
        }.ToJsonString();

    private static JsonObject PullRequestObject(string repository, int number, string headSha, string cloneUrl, string headRef, string baseRef) => new()
    {
        ["url"] = Api(repository, $"pulls/{number}"),
        ["id"] = 4000 + number,
        ["node_id"] = $"PR_{number}",
        ["html_url"] = $"https://github.example/{repository}/pull/{number}",
        ["diff_url"] = $"https://github.example/{repository}/pull/{number}.diff",
        ["patch_url"] = $"https://github.example/{repository}/pull/{number}.patch",
        ["issue_url"] = Api(repository, $"issues/{number}"),
        ["number"] = number,
        ["state"] = "open",
        ["locked"] = false,
        ["title"] = "Add a leaf",
        ["user"] = User("contributor"),
        ["body"] = "A new leaf.",
        ["created_at"] = "2026-12-01T10:00:00Z",
        ["updated_at"] = "2026-12-01T10:00:00Z",
        ["assignees"] = new JsonArray(),
        ["requested_reviewers"] = new JsonArray(),
        ["requested_teams"] = new JsonArray(),
        ["labels"] = new JsonArray(),
        ["commits_url"] = Api(repository, $"pulls/{number}/commits"),
        ["review_comments_url"] = Api(repository, $"pulls/{number}/comments"),
        ["review_comment_url"] = Api(repository, "pulls/comments{/number}"),
        ["comments_url"] = Api(repository, $"issues/{number}/comments"),
        ["statuses_url"] = Api(repository, $"statuses/{headSha}"),
        ["head"] = Branch(repository, headRef, headSha, cloneUrl),
        ["base"] = Branch(repository, baseRef, new string('b', 40), cloneUrl),
        ["_links"] = Links(repository, number),
        ["author_association"] = "CONTRIBUTOR",
        ["draft"] = false,
        ["merged"] = false,
        ["mergeable_state"] = "clean",
        ["comments"] = 0,
        ["review_comments"] = 0,
        ["maintainer_can_modify"] = false,
        ["commits"] = 1,
        ["additions"] = 1,
        ["deletions"] = 0,
        ["changed_files"] = 1,
    };

    private static JsonObject Branch(string repository, string name, string sha, string cloneUrl) => new()
    {
        ["label"] = $"{repository.Split('/')[0]}:{name}",
        ["ref"] = name,
        ["sha"] = sha,
        ["user"] = User(repository.Split('/')[0], "Organization"),
        ["repo"] = Repository(repository, cloneUrl),
    };

    private static JsonObject Links(string repository, int number)
    {
        JsonObject Link(string href) => new() { ["href"] = href };
        return new JsonObject
        {
            ["self"] = Link(Api(repository, $"pulls/{number}")),
            ["html"] = Link($"https://github.example/{repository}/pull/{number}"),
            ["issue"] = Link(Api(repository, $"issues/{number}")),
            ["comments"] = Link(Api(repository, $"issues/{number}/comments")),
            ["review_comments"] = Link(Api(repository, $"pulls/{number}/comments")),
            ["review_comment"] = Link(Api(repository, "pulls/comments{/number}")),
            ["commits"] = Link(Api(repository, $"pulls/{number}/commits")),
            ["statuses"] = Link(Api(repository, "statuses/x")),
        };
    }

    private static JsonObject CheckRunPull(string repository, int number, string headSha) => new()
    {
        ["url"] = Api(repository, $"pulls/{number}"),
        ["id"] = 4000 + number,
        ["number"] = number,
        ["head"] = new JsonObject { ["ref"] = "pr", ["sha"] = headSha, ["repo"] = new JsonObject { ["id"] = 1, ["url"] = Api(repository, string.Empty), ["name"] = repository.Split('/')[1] } },
        ["base"] = new JsonObject { ["ref"] = "main", ["sha"] = new string('b', 40), ["repo"] = new JsonObject { ["id"] = 1, ["url"] = Api(repository, string.Empty), ["name"] = repository.Split('/')[1] } },
    };

    private static JsonObject App() => new()
    {
        ["id"] = 1,
        ["slug"] = "contribbot",
        ["node_id"] = "A_1",
        ["owner"] = User("octo-org", "Organization"),
        ["name"] = "ContribBot",
        ["description"] = "Taxonomy checks",
        ["external_url"] = "https://github.example",
        ["html_url"] = "https://github.example/apps/contribbot",
        ["created_at"] = "2026-01-01T00:00:00Z",
        ["updated_at"] = "2026-01-01T00:00:00Z",
        ["permissions"] = new JsonObject(),
        ["events"] = new JsonArray(),
    };

    private static JsonObject Repository(string repository, string cloneUrl) => new()
    {
        ["id"] = 1,
        ["node_id"] = "R_1",
        ["name"] = repository.Split('/')[1],
        ["full_name"] = repository,
        ["private"] = false,
        ["owner"] = User(repository.Split('/')[0], "Organization"),
        ["html_url"] = $"https://github.example/{repository}",
        ["description"] = null,
        ["fork"] = false,
        ["url"] = Api(repository, string.Empty),
        ["clone_url"] = cloneUrl,
        ["default_branch"] = "main",
        ["created_at"] = "2026-01-01T00:00:00Z",
        ["updated_at"] = "2026-01-01T00:00:00Z",
        ["pushed_at"] = "2026-01-01T00:00:00Z",
        ["web_commit_signoff_required"] = false,
    };

    private static JsonObject Installation(long id) => new() { ["id"] = id, ["node_id"] = $"I_{id}" };

    private static JsonObject User(string login, string type = "User") => new()
    {
        ["login"] = login,
        ["id"] = Math.Abs(login.GetHashCode(StringComparison.Ordinal)) % 100_000,
        ["node_id"] = $"U_{login}",
        ["avatar_url"] = "https://github.example/avatar.png",
        ["url"] = $"https://github.example/api/v3/users/{login}",
        ["html_url"] = $"https://github.example/{login}",
        ["type"] = type,
        ["site_admin"] = false,
    };

    private static string Api(string repository, string rest) => $"https://github.example/api/v3/repos/{repository}/{rest}";
}
