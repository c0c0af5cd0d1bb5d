using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ContribBot.Testing.FakeOpenAi;

/// <summary>
/// The Files and Batches endpoints of the fake OpenAI server: uploads are kept in memory, a batch reports
/// <c>in_progress</c> for <see cref="PollsBeforeDone"/> reads and then answers every line through the server's
/// responder, into an output file of the Batch API's format. Every batch line answered is recorded.
/// </summary>
public sealed class FakeBatchApi
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeBatch> _batches = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeChatCall> _calls = new();
    private readonly ConcurrentQueue<string> _customIds = new();
    private readonly Func<int, JsonElement, FakeChatCall> _read;
    private readonly Func<FakeChatCall, FakeReply> _respond;
    private readonly Func<FakeChatCall, string, string> _completion;
    private int _ids;
    private int _lines;

    internal FakeBatchApi(Func<int, JsonElement, FakeChatCall> read, Func<FakeChatCall, FakeReply> respond, Func<FakeChatCall, string, string> completion)
    {
        _read = read;
        _respond = respond;
        _completion = completion;
    }

    /// <summary>How many times a batch is read as in progress before it is done (and answered).</summary>
    public int PollsBeforeDone { get; set; } = 1;

    /// <summary>Chosen lines (by their number across all batches, from 1) come back as errors instead of answers.</summary>
    public Func<int, bool> FailLine { get; set; } = _ => false;

    /// <summary>Every request line the fake answered, in order.</summary>
    public IReadOnlyList<FakeChatCall> Calls => [.. _calls];

    /// <summary>The <c>custom_id</c> of every request line answered, in order.</summary>
    public IReadOnlyList<string> CustomIds => [.. _customIds];

    public int Uploads => _files.Count(file => file.Key.StartsWith("file-in-", StringComparison.Ordinal));

    public int BatchesCreated => _batches.Count;

    internal void Map(WebApplication app)
    {
        app.MapPost("/v1/files", (Delegate)UploadAsync);
        app.MapGet("/v1/files/{id}/content", (string id) => _files.TryGetValue(id, out var content) ? Results.Bytes(content, "application/jsonl") : Results.NotFound());
        app.MapPost("/v1/batches", (Delegate)CreateAsync);
        app.MapGet("/v1/batches/{id}", (string id) => _batches.TryGetValue(id, out var batch) ? Results.Content(Read(batch).ToJsonString(), "application/json") : Results.NotFound());
    }

    private async Task<IResult> UploadAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (form.Files.GetFile("file") is not { } file || form["purpose"] != "batch") return Results.BadRequest();
        using var content = new MemoryStream();
        await file.CopyToAsync(content, context.RequestAborted).ConfigureAwait(false);
        var id = $"file-in-{Interlocked.Increment(ref _ids)}";
        _files[id] = content.ToArray();
        return Results.Content(FileObject(id, file.FileName, content.Length, "batch").ToJsonString(), "application/json");
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        var input = body.RootElement.GetProperty("input_file_id").GetString()!;
        if (!_files.ContainsKey(input)) return Results.NotFound();
        var batch = new FakeBatch($"batch_{Interlocked.Increment(ref _ids)}", input);
        _batches[batch.Id] = batch;
        return Results.Content(BatchObject(batch, "validating").ToJsonString(), "application/json");
    }

    private JsonObject Read(FakeBatch batch)
    {
        lock (batch)
        {
            if (batch.OutputFile is null && ++batch.Reads > PollsBeforeDone) Answer(batch);
            return BatchObject(batch, batch.OutputFile is null ? "in_progress" : "completed");
        }
    }

    private void Answer(FakeBatch batch)
    {
        var (output, errors) = Run(Encoding.UTF8.GetString(_files[batch.InputFile]));
        batch.OutputFile = $"file-out-{Interlocked.Increment(ref _ids)}";
        _files[batch.OutputFile] = Encoding.UTF8.GetBytes(output);
        if (errors.Length > 0)
        {
            batch.ErrorFile = $"file-err-{Interlocked.Increment(ref _ids)}";
            _files[batch.ErrorFile] = Encoding.UTF8.GetBytes(errors);
        }
    }

    /// <summary>
    /// Answers a batch input file as a batch engine would (vLLM's run-batch, the Batch API): the output lines, and the
    /// error lines of the requests <see cref="FailLine"/> picks.
    /// </summary>
    public (string Output, string Errors) Run(string requests)
    {
        var output = new StringBuilder();
        var errors = new StringBuilder();
        foreach (var line in requests.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var request = JsonDocument.Parse(line);
            var customId = request.RootElement.GetProperty("custom_id").GetString()!;
            var number = Interlocked.Increment(ref _lines);
            var call = _read(number, request.RootElement.GetProperty("body").Clone());
            _calls.Enqueue(call);
            _customIds.Enqueue(customId);
            if (FailLine(number))
            {
                errors.Append(new JsonObject
                {
                    ["id"] = $"batch_req_{number}", ["custom_id"] = customId, ["response"] = null,
                    ["error"] = new JsonObject { ["code"] = "server_error", ["message"] = "the model failed on this request" },
                }.ToJsonString()).Append('\n');
                continue;
            }

            var reply = _respond(call);
            output.Append(new JsonObject
            {
                ["id"] = $"batch_req_{number}",
                ["custom_id"] = customId,
                ["response"] = new JsonObject
                {
                    ["status_code"] = (int)reply.Status,
                    ["request_id"] = $"req_{number}",
                    ["body"] = JsonNode.Parse(reply.RawBody ?? _completion(call, reply.Content ?? string.Empty)),
                },
                ["error"] = null,
            }.ToJsonString()).Append('\n');
        }

        return (output.ToString(), errors.ToString());
    }

    private static JsonObject FileObject(string id, string name, long bytes, string purpose) => new()
    {
        ["id"] = id, ["object"] = "file", ["bytes"] = bytes, ["created_at"] = 1_700_000_000, ["filename"] = name, ["purpose"] = purpose,
        ["status"] = "processed",
    };

    private static JsonObject BatchObject(FakeBatch batch, string status) => new()
    {
        ["id"] = batch.Id, ["object"] = "batch", ["endpoint"] = "/v1/chat/completions", ["input_file_id"] = batch.InputFile,
        ["completion_window"] = "24h", ["status"] = status, ["output_file_id"] = batch.OutputFile, ["error_file_id"] = batch.ErrorFile,
        ["created_at"] = 1_700_000_000,
        ["request_counts"] = new JsonObject { ["total"] = 0, ["completed"] = 0, ["failed"] = 0 },
        ["metadata"] = null,
        ["reads"] = batch.Reads.ToString(CultureInfo.InvariantCulture),
    };

    private sealed class FakeBatch(string id, string inputFile)
    {
        public string Id { get; } = id;

        public string InputFile { get; } = inputFile;

        public int Reads { get; set; }

        public string? OutputFile { get; set; }

        public string? ErrorFile { get; set; }
    }
}
