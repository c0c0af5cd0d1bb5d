using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ContribBot.Testing.FakeHub;

/// <summary>
/// The Hugging Face Hub endpoints publishing uses, on loopback: repository and branch creation, preupload (Parquet and
/// files over 10 MB go through LFS), the LFS batch endpoint with upload and verify actions (a signed address of its
/// own, checked like storage would: the bytes must hash to the oid), and the NDJSON commit endpoint, which refuses an
/// LFS file it was never given. Every request is recorded; faults are injected per path with <see cref="Fail"/>.
/// </summary>
public sealed class FakeHubServer : IAsyncDisposable
{
    public const long LfsThreshold = 10 * 1024 * 1024;
    private const string UploadSignature = "signed-by-fake-storage";

    private readonly ConcurrentDictionary<string, FakeHubRepository> _repositories = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _lfs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<(string PathPart, int Status)> _faults = new();
    private WebApplication _app = null!;

    public Uri Root { get; private set; } = null!;

    public string Token { get; set; } = "hf_test_token";

    /// <summary>"METHOD path" of every request, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public IReadOnlyDictionary<string, FakeHubRepository> Repositories => _repositories;

    /// <summary>LFS objects stored, by SHA-256.</summary>
    public IReadOnlyDictionary<string, byte[]> LfsObjects => _lfs;

    /// <summary>The next request whose path holds <paramref name="pathPart"/> is answered with each status in turn (0: the connection is dropped).</summary>
    public void Fail(string pathPart, params int[] statuses)
    {
        foreach (var status in statuses) _faults.Enqueue((pathPart, status));
    }

    public static async Task<FakeHubServer> StartAsync()
    {
        var server = new FakeHubServer();
        var (app, root) = await LoopbackServer.StartAsync(app =>
        {
            app.Use(server.GuardAsync);
            app.MapPost("/api/repos/create", server.CreateRepositoryAsync);
            app.MapPost("/api/datasets/{owner}/{name}/branch/{branch}", server.CreateBranch);
            app.MapPost("/api/datasets/{owner}/{name}/preupload/{revision}", server.PreuploadAsync);
            app.MapPost("/datasets/{owner}/{repo}/info/lfs/objects/batch", server.LfsBatchAsync);
            app.MapPut("/lfs-upload/{oid}", server.LfsUploadAsync);
            app.MapPost("/lfs-verify/{oid}", (string oid) => server._lfs.ContainsKey(oid) ? Results.Ok() : Results.NotFound());
            app.MapPost("/api/datasets/{owner}/{name}/commit/{revision}", server.CommitAsync);
        }).ConfigureAwait(false);
        server._app = app;
        server.Root = root;
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    /// <summary>Records the request, plays an injected fault, and checks the token (storage addresses carry their own signature instead).</summary>
    private async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        _requests.Enqueue($"{context.Request.Method} {path}");
        if (_faults.TryPeek(out var fault) && path.Contains(fault.PathPart, StringComparison.Ordinal) && _faults.TryDequeue(out fault))
        {
            if (fault.Status == 0)
            {
                context.Abort();
                return;
            }

            context.Response.StatusCode = fault.Status;
            if (fault.Status == 429) context.Response.Headers.RetryAfter = "0";
            await context.Response.WriteAsync("{\"error\": \"injected fault\"}").ConfigureAwait(false);
            return;
        }

        if (!path.StartsWith("/lfs-", StringComparison.Ordinal) && context.Request.Headers.Authorization != $"Bearer {Token}")
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("{\"error\": \"Invalid credentials in Authorization header\"}").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private async Task<IResult> CreateRepositoryAsync(HttpRequest request)
    {
        var body = await JsonNode.ParseAsync(request.Body).ConfigureAwait(false);
        if (body?["type"]?.GetValue<string>() != "dataset") return Results.BadRequest(new { error = "type must be dataset here" });
        var id = $"{body["organization"]}/{body["name"]}";
        var created = _repositories.TryAdd(id, new FakeHubRepository(id, body["private"]?.GetValue<bool>() ?? false));
        return created ? Results.Ok(new { url = $"{Root}datasets/{id}" }) : Results.Conflict(new { error = "You already created this dataset repo" });
    }

    private IResult CreateBranch(string owner, string name, string branch)
    {
        if (!_repositories.TryGetValue($"{owner}/{name}", out var repository)) return Results.NotFound(new { error = "Repository not found" });
        return repository.Branches.TryAdd(branch, new ConcurrentDictionary<string, (string, long)>(repository.Branches["main"]))
            ? Results.Ok()
            : Results.Conflict(new { error = "Reference already exists" });
    }

    private async Task<IResult> PreuploadAsync(string owner, string name, string revision, HttpRequest request)
    {
        if (!_repositories.TryGetValue($"{owner}/{name}", out var repository) || !repository.Branches.ContainsKey(revision)) return Results.NotFound(new { error = "Revision not found" });
        var body = await JsonNode.ParseAsync(request.Body).ConfigureAwait(false);
        var files = new JsonArray();
        foreach (var file in body!["files"]!.AsArray())
        {
            var path = file!["path"]!.GetValue<string>();
            Convert.FromBase64String(file["sample"]!.GetValue<string>()); // a real Hub reads it: it must be base64
            var lfs = path.EndsWith(".parquet", StringComparison.Ordinal) || file["size"]!.GetValue<long>() > LfsThreshold;
            files.Add(new JsonObject { ["path"] = path, ["uploadMode"] = lfs ? "lfs" : "regular", ["shouldIgnore"] = false });
        }

        return Results.Json(new JsonObject { ["files"] = files });
    }

    private async Task<IResult> LfsBatchAsync(string owner, string repo, HttpRequest request)
    {
        if (request.ContentType?.StartsWith("application/vnd.git-lfs+json", StringComparison.Ordinal) != true) return Results.StatusCode(415);
        if (!repo.EndsWith(".git", StringComparison.Ordinal) || !_repositories.ContainsKey($"{owner}/{repo[..^4]}")) return Results.NotFound();
        var body = await JsonNode.ParseAsync(request.Body).ConfigureAwait(false);
        if (body!["operation"]!.GetValue<string>() != "upload" || body["hash_algo"]?.GetValue<string>() != "sha256") return Results.BadRequest();
        var objects = new JsonArray();
        foreach (var item in body["objects"]!.AsArray())
        {
            var oid = item!["oid"]!.GetValue<string>();
            var answer = new JsonObject { ["oid"] = oid, ["size"] = item["size"]!.GetValue<long>() };
            if (!_lfs.ContainsKey(oid))
            {
                answer["actions"] = new JsonObject
                {
                    ["upload"] = new JsonObject { ["href"] = $"{Root}lfs-upload/{oid}", ["header"] = new JsonObject { ["X-Storage-Signature"] = UploadSignature } },
                    ["verify"] = new JsonObject { ["href"] = $"{Root}lfs-verify/{oid}", ["header"] = new JsonObject() },
                };
            }

            objects.Add(answer);
        }

        return Results.Text(new JsonObject { ["transfer"] = "basic", ["objects"] = objects }.ToJsonString(), "application/vnd.git-lfs+json");
    }

    private async Task<IResult> LfsUploadAsync(string oid, HttpRequest request)
    {
        if (request.Headers["X-Storage-Signature"] != UploadSignature) return Results.StatusCode(403);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body).ConfigureAwait(false);
        var bytes = body.ToArray();
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != oid) return Results.BadRequest(new { error = "content does not match the oid" });
        _lfs[oid] = bytes;
        return Results.Ok();
    }

    private async Task<IResult> CommitAsync(string owner, string name, string revision, HttpRequest request)
    {
        if (request.ContentType?.StartsWith("application/x-ndjson", StringComparison.Ordinal) != true) return Results.StatusCode(415);
        if (!_repositories.TryGetValue($"{owner}/{name}", out var repository) || !repository.Branches.TryGetValue(revision, out var branch)) return Results.NotFound(new { error = "Revision not found" });
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var lines = (await reader.ReadToEndAsync().ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        if (lines.Count == 0 || lines[0]["key"]!.GetValue<string>() != "header") return Results.BadRequest(new { error = "the first line must be the header" });
        var header = lines[0]["value"]!;
        var added = new Dictionary<string, (string Sha256, long Size)>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var value = line["value"]!;
            var path = value["path"]!.GetValue<string>();
            switch (line["key"]!.GetValue<string>())
            {
                case "file":
                    var content = Convert.FromBase64String(value["content"]!.GetValue<string>());
                    repository.Contents[path] = content;
                    added[path] = (Convert.ToHexStringLower(SHA256.HashData(content)), content.Length);
                    break;
                case "lfsFile":
                    var oid = value["oid"]!.GetValue<string>();
                    if (!_lfs.ContainsKey(oid)) return Results.UnprocessableEntity(new { error = $"LFS pointer for {path} points to a file that was not uploaded" });
                    added[path] = (oid, value["size"]!.GetValue<long>());
                    break;
                default:
                    return Results.BadRequest(new { error = "unknown operation" });
            }
        }

        foreach (var (path, file) in added) branch[path] = file;
        var commitOid = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{repository.Id}{revision}{repository.Commits.Count}")))[..40];
        repository.Commits.Enqueue(new FakeHubCommit(revision, header["summary"]!.GetValue<string>(), header["description"]?.GetValue<string>() ?? string.Empty, [.. added.Keys]));
        return Results.Ok(new { commitOid, commitUrl = $"{Root}datasets/{repository.Id}/commit/{commitOid}" });
    }
}

/// <summary>A dataset repository of the fake Hub: its branches (path → SHA-256 and size), inline contents and commits.</summary>
public sealed class FakeHubRepository(string id, bool isPrivate)
{
    public string Id { get; } = id;

    public bool Private { get; } = isPrivate;

    public ConcurrentDictionary<string, ConcurrentDictionary<string, (string Sha256, long Size)>> Branches { get; } = new(StringComparer.Ordinal)
    {
        ["main"] = new ConcurrentDictionary<string, (string, long)>(StringComparer.Ordinal),
    };

    public ConcurrentDictionary<string, byte[]> Contents { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<FakeHubCommit> Commits { get; } = new();
}

public sealed record FakeHubCommit(string Revision, string Summary, string Description, IReadOnlyList<string> Paths);
