using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;

namespace ContribBot.Core.Http.Hub;

/// <summary>
/// The Hugging Face Hub's HTTP API for a dataset repository, as far as publishing needs it: create the repository (and a
/// branch), ask the Hub which files it stores through LFS (preupload), hand those to the LFS batch endpoint and upload
/// them, then make one commit naming the small files by content and the large ones by SHA-256. Every request goes
/// through a bounded retry (Polly): 429, 5xx, timeouts and dropped connections are tried again after 1, 2, 4 s (or the
/// server's Retry-After, at most a minute), at most <see cref="MaxAttempts"/> times, then reported; any other refusal
/// is reported at once with what the Hub said. Replies are read under a cap; nothing the Hub sends is trusted further.
/// </summary>
public sealed class HubClient
{
    public const int MaxAttempts = 4;

    /// <summary>Largest file sent inline in the commit (the Hub asks for LFS long before this).</summary>
    public const long MaxInlineBytes = 64L * 1024 * 1024;

    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(1);
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _token;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    /// <param name="http">A client whose handler bounds reply sizes (see <see cref="Create"/>).</param>
    /// <param name="firstBackoff">The wait after the first fault (tests: zero).</param>
    public HubClient(HttpClient http, Uri endpoint, string token, TimeSpan? firstBackoff = null)
    {
        _http = http;
        _endpoint = new Uri(endpoint.ToString().TrimEnd('/') + "/");
        _token = token;
        _retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = firstBackoff ?? TimeSpan.FromSeconds(1),
                UseJitter = false,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TaskCanceledException>(exception => exception.InnerException is TimeoutException)
                    .HandleResult(response => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500),
                DelayGenerator = arguments => ValueTask.FromResult(arguments.Outcome.Result?.Headers.RetryAfter is { } retryAfter
                    ? RetryAfter.Parse(retryAfter.ToString(), DateTimeOffset.UtcNow) is { } wait ? wait < MaxRetryAfter ? wait : MaxRetryAfter : (TimeSpan?)null
                    : null),
                OnRetry = arguments =>
                {
                    arguments.Outcome.Result?.Dispose(); // the failed answer is replaced by the next attempt's
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>A client for the Hub at <paramref name="endpoint"/>: replies capped at 16 MiB, 5 minutes per request.</summary>
    public static HubClient Create(Uri endpoint, string token) =>
        new(new HttpClient(new BoundedResponseHandler(16 * 1024 * 1024, new SocketsHttpHandler())) { Timeout = TimeSpan.FromMinutes(5) }, endpoint, token);

    /// <summary>Creates the dataset repository; one that exists already is fine.</summary>
    public async Task EnsureRepositoryAsync(HubRepository repository, bool isPrivate, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["type"] = "dataset", ["name"] = repository.Name, ["organization"] = repository.Owner, ["private"] = isPrivate };
        using var response = await SendAsync("create the repository", () => Json(HttpMethod.Post, "api/repos/create", body), cancellationToken, HttpStatusCode.Conflict)
            .ConfigureAwait(false);
    }

    /// <summary>Creates the branch <paramref name="revision"/> (from the default branch); <c>main</c> and a branch that exists are fine.</summary>
    public async Task EnsureBranchAsync(HubRepository repository, string revision, CancellationToken cancellationToken)
    {
        if (revision == "main") return;
        using var response = await SendAsync($"create the branch {revision}",
            () => Json(HttpMethod.Post, $"api/datasets/{repository.Id}/branch/{Uri.EscapeDataString(revision)}", new JsonObject()), cancellationToken, HttpStatusCode.Conflict)
            .ConfigureAwait(false);
    }

    /// <summary>Which of the files the Hub stores through LFS (the rest go inline in the commit).</summary>
    public async Task<IReadOnlySet<string>> PreuploadAsync(HubRepository repository, string revision, IReadOnlyList<HubFile> files, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["files"] = new JsonArray([.. files.Select(file => (JsonNode)new JsonObject
            {
                ["path"] = file.PathInRepo, ["size"] = file.Size, ["sample"] = Convert.ToBase64String(file.Sample),
            })]),
        };
        using var response = await SendAsync("ask how to store the files (preupload)",
            () => Json(HttpMethod.Post, $"api/datasets/{repository.Id}/preupload/{Uri.EscapeDataString(revision)}", body), cancellationToken).ConfigureAwait(false);
        var answer = await ReadJsonAsync(response, "preupload", cancellationToken).ConfigureAwait(false);
        var lfs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in answer["files"] as JsonArray ?? throw Unreadable("preupload", "no files list"))
        {
            if (file?["path"]?.GetValue<string>() is { } path && file["uploadMode"]?.GetValue<string>() == "lfs") lfs.Add(path);
        }

        return lfs;
    }

    /// <summary>
    /// Uploads the LFS files the Hub does not have yet: the batch endpoint says, per object, where to PUT it (nothing
    /// for an object it has) and where to confirm it. Returns how many were sent.
    /// </summary>
    public async Task<int> UploadLfsAsync(HubRepository repository, string revision, IReadOnlyList<HubFile> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0) return 0;
        var body = new JsonObject
        {
            ["operation"] = "upload",
            ["transfers"] = new JsonArray("basic"),
            ["objects"] = new JsonArray([.. files.Select(file => (JsonNode)new JsonObject { ["oid"] = file.Sha256, ["size"] = file.Size })]),
            ["hash_algo"] = "sha256",
            ["ref"] = new JsonObject { ["name"] = revision },
        };
        using var response = await SendAsync("ask where to upload the large files (LFS batch)", () =>
        {
            var request = Json(HttpMethod.Post, $"datasets/{repository.Id}.git/info/lfs/objects/batch", body);
            request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.git-lfs+json");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.git-lfs+json"));
            return request;
        }, cancellationToken).ConfigureAwait(false);
        var answer = await ReadJsonAsync(response, "LFS batch", cancellationToken).ConfigureAwait(false);
        var byOid = files.ToDictionary(file => file.Sha256, StringComparer.Ordinal);
        var sent = 0;
        foreach (var item in answer["objects"] as JsonArray ?? throw Unreadable("LFS batch", "no objects list"))
        {
            var oid = item?["oid"]?.GetValue<string>();
            if (oid is null || !byOid.TryGetValue(oid, out var file)) throw Unreadable("LFS batch", "an object the request did not name");
            if (item!["error"] is JsonObject error)
            {
                throw new HubRefusedException($"the Hub refused {file.PathInRepo} ({Excerpt(error["message"]?.ToString() ?? error.ToJsonString())}).");
            }

            if (item["actions"]?["upload"] is not JsonObject upload) continue; // the Hub has it already
            await PutAsync(file, upload, cancellationToken).ConfigureAwait(false);
            sent++;
            if (item["actions"]?["verify"] is JsonObject verify)
            {
                using var verified = await SendAsync($"confirm the upload of {file.PathInRepo}", () => Action(HttpMethod.Post, verify,
                    JsonContent(new JsonObject { ["oid"] = file.Sha256, ["size"] = file.Size })), cancellationToken).ConfigureAwait(false);
            }
        }

        return sent;
    }

    /// <summary>One commit of every file: inline content for the regular ones, the SHA-256 for the LFS ones.</summary>
    public async Task<HubCommit> CommitAsync(
        HubRepository repository, string revision, string summary, string description, IReadOnlyList<HubFile> files, IReadOnlySet<string> lfs,
        CancellationToken cancellationToken)
    {
        var lines = new StringBuilder();
        Line(lines, "header", new JsonObject { ["summary"] = summary, ["description"] = description });
        foreach (var file in files)
        {
            if (lfs.Contains(file.PathInRepo))
            {
                Line(lines, "lfsFile", new JsonObject { ["path"] = file.PathInRepo, ["algo"] = "sha256", ["oid"] = file.Sha256, ["size"] = file.Size });
                continue;
            }

            if (file.Size > MaxInlineBytes) throw new HubRefusedException($"the Hub asked for {file.PathInRepo} ({file.Size:N0} bytes) inline; files over {MaxInlineBytes / (1024 * 1024)} MiB go through LFS only.");
            var content = Convert.ToBase64String(await File.ReadAllBytesAsync(file.LocalPath, cancellationToken).ConfigureAwait(false));
            Line(lines, "file", new JsonObject { ["path"] = file.PathInRepo, ["encoding"] = "base64", ["content"] = content });
        }

        var ndjson = lines.ToString();
        using var response = await SendAsync("commit", () =>
        {
            var request = Request(HttpMethod.Post, $"api/datasets/{repository.Id}/commit/{Uri.EscapeDataString(revision)}");
            request.Content = new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson");
            return request;
        }, cancellationToken).ConfigureAwait(false);
        var answer = await ReadJsonAsync(response, "commit", cancellationToken).ConfigureAwait(false);
        return new HubCommit(answer["commitOid"]?.ToString(), answer["commitUrl"]?.ToString());
    }

    private static void Line(StringBuilder lines, string key, JsonObject value) =>
        lines.Append(new JsonObject { ["key"] = key, ["value"] = value }.ToJsonString()).Append('\n');

    /// <summary>PUT the file's bytes where the batch answer said, with the headers it gave (a signed storage URL needs no token).</summary>
    private async Task PutAsync(HubFile file, JsonObject upload, CancellationToken cancellationToken)
    {
        using var response = await SendAsync($"upload {file.PathInRepo}", () =>
        {
            var content = new StreamContent(File.OpenRead(file.LocalPath));
            content.Headers.ContentLength = file.Size;
            return Action(HttpMethod.Put, upload, content);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A request to a URL the Hub gave (an LFS action), with its headers; only loopback or https is followed.</summary>
    private static HttpRequestMessage Action(HttpMethod method, JsonObject action, HttpContent content)
    {
        var href = action["href"]?.GetValue<string>();
        if (!Uri.TryCreate(href, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || url.IsLoopback))
        {
            throw Unreadable("LFS batch", "an upload address that is not https");
        }

        var request = new HttpRequestMessage(method, url) { Content = content };
        if (action["header"] is JsonObject headers)
        {
            foreach (var (name, value) in headers)
            {
                if (value is JsonValue text && text.TryGetValue<string>(out var header)) request.Headers.TryAddWithoutValidation(name, header);
            }
        }

        return request;
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(_endpoint, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return request;
    }

    private HttpRequestMessage Json(HttpMethod method, string path, JsonObject body)
    {
        var request = Request(method, path);
        request.Content = JsonContent(body);
        return request;
    }

    private static StringContent JsonContent(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>The request, retried within the bound; a final answer that is not a success (or an allowed status) is an exception that says what the Hub said.</summary>
    private async Task<HttpResponseMessage> SendAsync(string what, Func<HttpRequestMessage> request, CancellationToken cancellationToken, params HttpStatusCode[] alsoFine)
    {
        HttpResponseMessage response;
        try
        {
            response = await _retry.ExecuteAsync(async token =>
            {
                using var message = request();
                return await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException { InnerException: TimeoutException } or InvalidDataException)
        {
            throw new HubUnreachableException($"could not {what}: the Hub at {_endpoint.Host} did not answer after {MaxAttempts} attempts ({exception.Message}).", exception);
        }

        if (response.IsSuccessStatusCode || alsoFine.Contains(response.StatusCode)) return response;
        using (response)
        {
            var said = await ExcerptAsync(response, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status == 429 || status >= 500)
            {
                throw new HubUnreachableException($"could not {what}: the Hub answered {status} {response.ReasonPhrase} after {MaxAttempts} attempts ({said}).");
            }

            throw new HubRefusedException(status switch
            {
                401 => $"could not {what}: the Hub refused the token (401). Set HF_TOKEN to a token with write access ({said}).",
                403 => $"could not {what}: the token may not write to this repository (403) ({said}).",
                404 => $"could not {what}: not found (404); check the repository name and the revision ({said}).",
                _ => $"could not {what}: the Hub answered {status} {response.ReasonPhrase} ({said}).",
            });
        }
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 32 }) ?? throw Unreadable(what, "an empty answer");
        }
        catch (Exception exception) when (exception is JsonException or InvalidDataException)
        {
            throw Unreadable(what, exception.Message);
        }
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return Excerpt(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (InvalidDataException)
        {
            return "a reply too large to show";
        }
    }

    /// <summary>The start of what the Hub said, on one line, without control characters.</summary>
    private static string Excerpt(string text)
    {
        var line = Limits.ControlCharacters.Replace(text.ReplaceLineEndings(" ")).Trim();
        return line.Length == 0 ? "no details" : line.Length <= 300 ? line : line[..300] + "…";
    }

    private static HubUnreachableException Unreadable(string what, string why) => new($"the Hub's answer to {what} could not be read: {why}.");
}
