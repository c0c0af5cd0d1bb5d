using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ContribBot.Testing.FakeGitHub;

/// <summary>
/// An in-process stand-in for the parts of GitHub's REST API that publishing uses (pull requests, issue comments,
/// check runs and their annotations), on loopback under <c>/api/v3/</c> as Octokit addresses a GitHub Enterprise
/// host. It keeps state like GitHub (comments and check runs persist between runs; annotations are appended on
/// update) and enforces GitHub's limits with GitHub's 422: at most 50 annotations per request, comment bodies of at
/// most 65,536 characters, summaries of at most 65,535. Faults queued with <see cref="Fail"/> answer the next matching
/// request instead (rate limits, errors) or cut its connection, before or after acting on it.
/// </summary>
public sealed partial class FakeGitHubServer : IAsyncDisposable
{
    private WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<FakeComment> _comments = [];
    private readonly List<(int Number, DateTimeOffset MergedAt)> _merged = [];
    private readonly List<(long Id, string Name, string HeadSha, byte[] Zip, bool Expired, DateTimeOffset CreatedAt)> _artifacts = [];
    private readonly ConcurrentDictionary<string, string> _permissions = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FakeCheckRun> _checkRuns = [];
    private readonly ConcurrentQueue<(string Method, string PathContains, FakeGitHubFault Fault)> _faults = new();
    private readonly ConcurrentQueue<(string Method, string PathContains, Action Action)> _hooks = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _authorizations = new();
    private readonly ConcurrentQueue<JsonObject> _checkRunBodies = new();
    private long _nextId = 1000;

    private FakeGitHubServer() => _app = null!;

    /// <summary>What to give Octokit (and GITHUB_API_URL): the server's root; Octokit adds <c>api/v3/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The head commit of every pull request.</summary>
    public string HeadSha { get; set; } = "0123456789abcdef0123456789abcdef01234567";

    /// <summary>The base commit of every pull request (the tip of its base branch when it was last synchronised).</summary>
    public string BaseSha { get; set; } = "fedcba9876543210fedcba9876543210fedcba98";

    /// <summary>The head branch of every pull request.</summary>
    public string HeadRef { get; set; } = "contribution";

    /// <summary>The clone URL of the repository (and of every pull request's head); a local path in the App's tests.</summary>
    public string? CloneUrl { get; set; }

    /// <summary>"METHOD /path" of every request, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>The Authorization header of every request, in order.</summary>
    public IReadOnlyList<string> Authorizations => [.. _authorizations];

    /// <summary>The body of every check-run create and update that was accepted, in order.</summary>
    public IReadOnlyList<JsonObject> CheckRunBodies => [.. _checkRunBodies];

    public IReadOnlyList<FakeComment> Comments
    {
        get
        {
            lock (_gate) return [.. _comments];
        }
    }

    public IReadOnlyList<FakeCheckRun> CheckRuns
    {
        get
        {
            lock (_gate) return [.. _checkRuns];
        }
    }

    /// <param name="port">0: any free port.</param>
    public static async Task<FakeGitHubServer> StartAsync(int port = 0)
    {
        var server = new FakeGitHubServer();
        (server._app, server.BaseUrl) = await LoopbackServer.StartAsync(app => app.Run(server.HandleAsync), port).ConfigureAwait(false);
        return server;
    }

    /// <summary>A comment someone else wrote (a person, or another bot), to see it left alone; on <paramref name="issue"/>, or (null) seen on every one.</summary>
    public void AddComment(string body, string login, string type, int? issue = null, DateTimeOffset? createdAt = null, string association = "NONE")
    {
        lock (_gate)
        {
            _comments.Add(new FakeComment(Interlocked.Increment(ref _nextId), body, login, type)
            {
                Issue = issue, CreatedAt = createdAt ?? new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), Association = association,
            });
        }
    }

    /// <summary>What <paramref name="login"/> may do in every repository (admin, maintain, write, triage, read); anyone not set: read.</summary>
    public void SetPermission(string login, string permission) => _permissions[login] = permission;

    private JsonObject PermissionJson(string login)
    {
        var permission = _permissions.GetValueOrDefault(login, "read");
        return new JsonObject
        {
            // GitHub's legacy field folds maintain into write and triage into read; role_name is the role itself.
            ["permission"] = permission switch { "maintain" => "write", "triage" => "read", _ => permission },
            ["role_name"] = permission,
            ["user"] = new JsonObject { ["login"] = login, ["id"] = 99, ["type"] = "User" },
        };
    }

    /// <summary>A workflow run's artifact <paramref name="name"/> made for <paramref name="headSha"/>, holding <paramref name="zip"/>; its id.</summary>
    public long AddArtifact(string name, string headSha, byte[] zip, bool expired = false)
    {
        var id = Interlocked.Increment(ref _nextId);
        lock (_gate) _artifacts.Add((id, name, headSha, zip, expired, DateTimeOffset.UtcNow.AddSeconds(_artifacts.Count)));
        return id;
    }

    private JsonObject ArtifactsJson(string owner, string repo, string name)
    {
        lock (_gate)
        {
            var listed = _artifacts.Where(a => name.Length == 0 || a.Name == name).OrderByDescending(a => a.CreatedAt).Select(a => (JsonNode)new JsonObject
            {
                ["id"] = a.Id,
                ["node_id"] = $"MDg6QXJ0aWZhY3{a.Id}",
                ["name"] = a.Name,
                ["size_in_bytes"] = a.Zip.Length,
                ["url"] = $"{BaseUrl}api/v3/repos/{owner}/{repo}/actions/artifacts/{a.Id}",
                ["archive_download_url"] = $"{BaseUrl}api/v3/repos/{owner}/{repo}/actions/artifacts/{a.Id}/zip",
                ["expired"] = a.Expired,
                ["created_at"] = a.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["expires_at"] = a.CreatedAt.AddDays(14).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["updated_at"] = a.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["workflow_run"] = new JsonObject { ["id"] = 9000 + a.Id, ["repository_id"] = 1, ["head_repository_id"] = 2, ["head_branch"] = HeadRef, ["head_sha"] = a.HeadSha },
            }).ToArray();
            return new JsonObject { ["total_count"] = listed.Length, ["artifacts"] = new JsonArray(listed) };
        }
    }

    /// <summary>A pull request that was merged at <paramref name="mergedAt"/> (listed by GET pulls?state=closed).</summary>
    public void AddMergedPullRequest(int number, DateTimeOffset mergedAt)
    {
        lock (_gate) _merged.Add((number, mergedAt));
    }

    /// <summary>A completed check run made by someone else (another run of ours, in parallel), with these annotation messages.</summary>
    public FakeCheckRun AddCheckRun(string name, string headSha, params string[] annotationMessages)
    {
        var run = new FakeCheckRun(Interlocked.Increment(ref _nextId), name, headSha);
        run.Apply(new JsonObject
        {
            ["status"] = "completed",
            ["conclusion"] = "success",
            ["output"] = new JsonObject
            {
                ["title"] = "earlier",
                ["summary"] = "earlier",
                ["annotations"] = new JsonArray(annotationMessages.Select(message => (JsonNode)new JsonObject
                {
                    ["path"] = "README.md", ["start_line"] = 1, ["end_line"] = 1, ["annotation_level"] = "warning", ["message"] = message,
                }).ToArray()),
            },
        });
        lock (_gate) _checkRuns.Add(run);
        return run;
    }

    /// <summary>The next request whose method matches and whose path contains <paramref name="pathContains"/> gets this instead.</summary>
    public void Fail(string method, string pathContains, FakeGitHubFault fault) => _faults.Enqueue((method, pathContains, fault));

    /// <summary>
    /// Runs <paramref name="action"/> once, just before the next request whose method matches and whose path contains
    /// <paramref name="pathContains"/> is handled: what a parallel run does between our look-up and our write.
    /// </summary>
    public void Before(string method, string pathContains, Action action) => _hooks.Enqueue((method, pathContains, action));

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        if (_hooks.TryPeek(out var hook) && hook.Method == request.Method && path.Contains(hook.PathContains, StringComparison.Ordinal) && _hooks.TryDequeue(out _))
        {
            hook.Action();
        }

        _requests.Enqueue($"{request.Method} {path}");
        _authorizations.Enqueue(request.Headers.Authorization.ToString());
        var fault = Fault(request.Method, path);
        if (fault is { Drop: FakeConnectionDrop.BeforeHandling })
        {
            context.Abort();
            return;
        }

        if (fault is { Drop: FakeConnectionDrop.None })
        {
            context.Response.StatusCode = (int)fault.Status;
            foreach (var (name, value) in fault.Headers) context.Response.Headers[name] = value;
            await WriteAsync(context, new JsonObject { ["message"] = fault.Message, ["documentation_url"] = "https://docs.github.com/rest" }).ConfigureAwait(false);
            return;
        }

        JsonObject? body = null;
        if (request.ContentLength > 0 || request.Method is "POST" or "PATCH")
        {
            // Some POSTs carry no body at all (an installation token request, a redelivery).
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync().ConfigureAwait(false);
            body = text.Trim().Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["_fake", ..] && Demo is not null)
        {
            await AnswerAsync(context, await DemoRequestAsync(context, segments).ConfigureAwait(false), null).ConfigureAwait(false);
            return;
        }

        if (AppRequest(context, request.Method, segments, body) is { } app)
        {
            await AnswerAsync(context, app, fault).ConfigureAwait(false);
            return;
        }

        // api v3 repos {owner} {repo} ...
        if (segments.Length < 5 || segments[0] != "api" || segments[1] != "v3" || segments[2] != "repos")
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        var (owner, repo) = (segments[3], segments[4]);
        var rest = segments[5..];
        if (request.Method == "GET" && rest is ["actions", "artifacts", var artifactId, "zip"])
        {
            // The archive itself (GitHub answers with a redirect to storage; the bytes are the same).
            byte[]? zip;
            lock (_gate) zip = _artifacts.FirstOrDefault(a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == artifactId).Zip;
            if (zip is null)
            {
                await NotFoundAsync(context).ConfigureAwait(false);
                return;
            }

            context.Response.ContentType = "application/zip";
            await context.Response.Body.WriteAsync(zip).ConfigureAwait(false);
            return;
        }

        var response = (request.Method, rest) switch
        {
            ("GET", ["pulls", var number]) => Ok(PullRequest(owner, repo, number)),
            ("GET", ["pulls"]) => Page(context, MergedPullRequestsJson(owner, repo)),
            ("GET", ["actions", "artifacts"]) => Ok(ArtifactsJson(owner, repo, request.Query["name"].ToString())),
            ("GET", ["collaborators", var login, "permission"]) => Ok(PermissionJson(login)),
            ("GET", ["issues", var issue, "comments"]) => Page(context, CommentsJson(owner, repo, issue)),
            ("POST", ["issues", var issue, "comments"]) => CreateComment(owner, repo, issue, body),
            ("DELETE", ["issues", "comments", var id]) => DeleteComment(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)),
            ("PATCH", ["issues", "comments", var id]) => UpdateComment(owner, repo, long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), body),
            ("GET", ["commits", var sha, "check-runs"]) => Ok(CheckRunsFor(owner, repo, sha, request.Query["check_name"].ToString())),
            ("POST", ["check-runs"]) => CreateCheckRun(owner, repo, body),
            ("GET", ["check-runs", var id]) => CheckRun(owner, repo, long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)),
            ("PATCH", ["check-runs", var id]) => UpdateCheckRun(owner, repo, long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), body),
            ("GET", ["check-runs", var id, "annotations"]) => Page(context, Annotations(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture))),
            ("POST", ["issues", "comments", var id, "reactions"]) => AddReaction(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), body),
            ("GET", ["installation"]) => RepositoryInstallation(context, owner, repo),
            ("POST", ["actions", "workflows", var workflow, "dispatches"]) => Dispatch(owner, repo, workflow, body),
            _ => (HttpStatusCode.NotFound, new JsonObject { ["message"] = "Not Found" }),
        };
        if (rest is not ["installation"] && InstallationTokenRefusal(context) is { } refusal) response = refusal;
        await AnswerAsync(context, response, fault).ConfigureAwait(false);
    }

    private static async Task AnswerAsync(HttpContext context, (HttpStatusCode, JsonNode) response, FakeGitHubFault? fault)
    {
        if (fault is { Drop: FakeConnectionDrop.AfterHandling })
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = (int)response.Item1;
        if (response.Item1 != HttpStatusCode.NoContent) await WriteAsync(context, response.Item2).ConfigureAwait(false);
    }

    private FakeGitHubFault? Fault(string method, string path)
    {
        lock (_gate)
        {
            if (_faults.TryPeek(out var next) && next.Method == method && path.Contains(next.PathContains, StringComparison.Ordinal))
            {
                _faults.TryDequeue(out _);
                return next.Fault;
            }
        }

        return null;
    }

    private static (HttpStatusCode, JsonNode) Ok(JsonNode node) => (HttpStatusCode.OK, node);

    private static (HttpStatusCode, JsonNode) Unprocessable(string message) =>
        (HttpStatusCode.UnprocessableEntity, new JsonObject { ["message"] = "Validation Failed", ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["code"] = "custom" }) });

    private JsonObject PullRequest(string owner, string repo, string number) => new()
    {
        ["id"] = 1,
        ["number"] = int.Parse(number, System.Globalization.CultureInfo.InvariantCulture),
        ["state"] = "open",
        ["html_url"] = $"https://github.example/{owner}/{repo}/pull/{number}",
        ["head"] = new JsonObject { ["sha"] = HeadSha, ["ref"] = HeadRef, ["repo"] = RepositoryJson(owner, repo) },
        ["base"] = new JsonObject { ["sha"] = BaseSha, ["ref"] = "main", ["repo"] = RepositoryJson(owner, repo) },
    };

    private JsonObject RepositoryJson(string owner, string repo) => new()
    {
        ["id"] = 1,
        ["name"] = repo,
        ["full_name"] = $"{owner}/{repo}",
        ["owner"] = new JsonObject { ["login"] = owner, ["id"] = 7, ["type"] = "Organization" },
        ["clone_url"] = CloneUrl ?? $"https://github.example/{owner}/{repo}.git",
        ["default_branch"] = "main",
    };

    /// <summary>The comments of one issue or pull request: those made on it, and those added without one (seen on every one).</summary>
    private JsonArray CommentsJson(string owner, string repo, string issue)
    {
        var number = int.Parse(issue, System.Globalization.CultureInfo.InvariantCulture);
        lock (_gate) return new JsonArray(_comments.Where(comment => comment.Issue is null || comment.Issue == number).Select(comment => (JsonNode)comment.ToJson(owner, repo)).ToArray());
    }

    /// <summary>The merged pull requests added with <see cref="AddMergedPullRequest"/>, most recently updated first (as asked for with sort=updated).</summary>
    private JsonArray MergedPullRequestsJson(string owner, string repo)
    {
        lock (_gate)
        {
            return new JsonArray(_merged.OrderByDescending(pull => pull.MergedAt).Select(pull =>
            {
                var json = PullRequest(owner, repo, pull.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                json["state"] = "closed";
                json["merged_at"] = pull.MergedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                json["updated_at"] = pull.MergedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                return (JsonNode)json;
            }).ToArray());
        }
    }

    private (HttpStatusCode, JsonNode) CreateComment(string owner, string repo, string issue, JsonObject? body)
    {
        var text = body?["body"]?.GetValue<string>() ?? string.Empty;
        if (text.Length > 65_536) return Unprocessable("Body is too long (maximum is 65536 characters)");
        var comment = new FakeComment(Interlocked.Increment(ref _nextId), text, BotLogin, "Bot") { Issue = int.Parse(issue, System.Globalization.CultureInfo.InvariantCulture) };
        lock (_gate) _comments.Add(comment);
        return (HttpStatusCode.Created, comment.ToJson(owner, repo));
    }

    private (HttpStatusCode, JsonNode) UpdateComment(string owner, string repo, long id, JsonObject? body)
    {
        var text = body?["body"]?.GetValue<string>() ?? string.Empty;
        if (text.Length > 65_536) return Unprocessable("Body is too long (maximum is 65536 characters)");
        lock (_gate)
        {
            var index = _comments.FindIndex(comment => comment.Id == id);
            if (index < 0) return (HttpStatusCode.NotFound, new JsonObject { ["message"] = "Not Found" });
            if (_comments[index].Type != "Bot") return (HttpStatusCode.Forbidden, new JsonObject { ["message"] = "Resource not accessible by integration" });
            _comments[index] = _comments[index] with { Body = text, Edits = _comments[index].Edits + 1 };
            return Ok(_comments[index].ToJson(owner, repo));
        }
    }

    private (HttpStatusCode, JsonNode) DeleteComment(long id)
    {
        lock (_gate)
        {
            var index = _comments.FindIndex(comment => comment.Id == id);
            if (index < 0) return (HttpStatusCode.NotFound, new JsonObject { ["message"] = "Not Found" });
            if (_comments[index].Type != "Bot") return (HttpStatusCode.Forbidden, new JsonObject { ["message"] = "Resource not accessible by integration" });
            _comments.RemoveAt(index);
            return (HttpStatusCode.NoContent, new JsonObject());
        }
    }

    private JsonObject CheckRunsFor(string owner, string repo, string sha, string name)
    {
        lock (_gate)
        {
            var runs = _checkRuns.Where(run => run.HeadSha == sha && (name.Length == 0 || run.Name == name)).ToList();
            return new JsonObject { ["total_count"] = runs.Count, ["check_runs"] = new JsonArray(runs.Select(run => (JsonNode)run.ToJson(owner, repo)).ToArray()) };
        }
    }

    private (HttpStatusCode, JsonNode) CreateCheckRun(string owner, string repo, JsonObject? body)
    {
        if (Invalid(body) is { } error) return Unprocessable(error);
        var run = new FakeCheckRun(Interlocked.Increment(ref _nextId), body!["name"]!.GetValue<string>(), body["head_sha"]!.GetValue<string>());
        run.Apply(body);
        lock (_gate) _checkRuns.Add(run);
        return (HttpStatusCode.Created, run.ToJson(owner, repo));
    }

    private (HttpStatusCode, JsonNode) CheckRun(string owner, string repo, long id)
    {
        lock (_gate)
        {
            return _checkRuns.FirstOrDefault(candidate => candidate.Id == id) is { } run
                ? Ok(run.ToJson(owner, repo))
                : (HttpStatusCode.NotFound, new JsonObject { ["message"] = "Not Found" });
        }
    }

    private (HttpStatusCode, JsonNode) UpdateCheckRun(string owner, string repo, long id, JsonObject? body)
    {
        if (Invalid(body) is { } error) return Unprocessable(error);
        lock (_gate)
        {
            var run = _checkRuns.FirstOrDefault(candidate => candidate.Id == id);
            if (run is null) return (HttpStatusCode.NotFound, new JsonObject { ["message"] = "Not Found" });
            run.Apply(body!);
            return Ok(run.ToJson(owner, repo));
        }
    }

    private JsonArray Annotations(long id)
    {
        lock (_gate)
        {
            var run = _checkRuns.FirstOrDefault(candidate => candidate.Id == id);
            return new JsonArray((run?.Annotations ?? []).Select(annotation => annotation.DeepClone()).ToArray());
        }
    }

    /// <summary>GitHub's own checks of a check-run request.</summary>
    private string? Invalid(JsonObject? body)
    {
        // As GitHub: a conclusion completes a run, and a completed run needs one.
        var status = body?["status"]?.GetValue<string>();
        var conclusion = body?["conclusion"]?.GetValue<string>();
        if (status == "completed" && conclusion is null) return "conclusion is required when status is completed";
        if (conclusion is not null && status is not (null or "completed")) return "status must be completed when a conclusion is given";
        if (status is not (null or "queued" or "in_progress" or "completed")) return $"status '{status}' is not one of queued, in_progress, completed";
        if (body?["output"] is JsonObject output)
        {
            if (output["annotations"] is JsonArray annotations && annotations.Count > 50) return "Only 50 annotations are allowed per request";
            if (output["summary"]?.GetValue<string>() is { Length: > 65_535 }) return "output.summary is too long (maximum is 65535 characters)";
        }

        if (body is not null) _checkRunBodies.Enqueue((JsonObject)body.DeepClone());
        return null;
    }

    /// <summary>Pages of 30 with a Link header, as GitHub paginates (Octokit follows rel="next").</summary>
    private static (HttpStatusCode, JsonNode) Page(HttpContext context, JsonArray all)
    {
        var page = int.TryParse(context.Request.Query["page"], out var p) && p > 0 ? p : 1;
        var perPage = int.TryParse(context.Request.Query["per_page"], out var n) && n > 0 ? Math.Min(n, 100) : 30;
        var items = all.Skip((page - 1) * perPage).Take(perPage).Select(item => item!.DeepClone()).ToArray();
        if (page * perPage < all.Count)
        {
            var next = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}?page={page + 1}&per_page={perPage}";
            context.Response.Headers["Link"] = $"<{next}>; rel=\"next\"";
        }

        return Ok(new JsonArray(items));
    }

    private static async Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = 404;
        await WriteAsync(context, new JsonObject { ["message"] = "Not Found" }).ConfigureAwait(false);
    }

    private static Task WriteAsync(HttpContext context, JsonNode node)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(node.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
