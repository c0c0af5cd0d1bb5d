using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContribBot.Core.Generation;
using ContribBot.Core.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ContribBot.Testing.FakeOpenAi;

/// <summary>
/// An OpenAI-compatible <c>/v1/chat/completions</c> server on loopback (Kestrel, a free port), scripted per test:
/// replies queued with <see cref="Enqueue"/> are used first, in order (429s, 500s, slow or broken replies), then
/// <see cref="Responder"/> answers (by default <see cref="ScriptedTeacher"/>). Every request is recorded, and usage
/// is reported with exact o200k token counts of the messages, as a real server would.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<FakeChatCall> _calls = new();
    private int _count;
    private int _inFlight;
    private int _maxInFlight;

    private FakeOpenAiServer()
    {
        _app = null!;
        Batches = new FakeBatchApi(Read, call => Responder(call), Completion);
    }

    /// <summary>The base URL clients are given (ends in <c>/v1/</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public Func<FakeChatCall, FakeReply> Responder { get; set; } = new ScriptedTeacher().Reply;

    /// <summary>Added to every reply's own delay (the benchmark's fixed latency).</summary>
    public TimeSpan Latency { get; set; }

    public IReadOnlyList<FakeChatCall> Calls => [.. _calls];

    /// <summary>The most requests that were being answered at the same time.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies) _script.Enqueue(reply);
    }

    /// <summary>The Files and Batches endpoints (the OpenAI Batch API), answered through <see cref="Responder"/>.</summary>
    public FakeBatchApi Batches { get; }

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var server = new FakeOpenAiServer();
        var (app, root) = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", server.HandleAsync);
            server.Batches.Map(app);
        }).ConfigureAwait(false);
        server._app = app;
        server.BaseUrl = new Uri(root, "v1/");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var seen = Volatile.Read(ref _maxInFlight); inFlight > seen; seen = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) == seen) break;
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            var call = Read(Interlocked.Increment(ref _count), body.RootElement.Clone()) with { Authorization = context.Request.Headers.Authorization.ToString() };
            _calls.Enqueue(call);
            var reply = _script.TryDequeue(out var scripted) ? scripted : Responder(call);
            var delay = reply.Delay + Latency;
            if (delay > TimeSpan.Zero) await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            if (reply.DropConnection)
            {
                context.Abort();
                return;
            }

            context.Response.StatusCode = (int)reply.Status;
            foreach (var (name, value) in reply.Headers) context.Response.Headers[name] = value;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.RawBody ?? Completion(call, reply.Content ?? string.Empty), context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up (its timeout); nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static FakeChatCall Read(int number, JsonElement body)
    {
        string system = string.Empty, user = string.Empty;
        foreach (var message in body.GetProperty("messages").EnumerateArray())
        {
            var text = message.GetProperty("content") is { ValueKind: JsonValueKind.String } content ? content.GetString()! : Flatten(message.GetProperty("content"));
            if (message.GetProperty("role").GetString() == "system") system = text;
            else user = text;
        }

        string? schema = null;
        var strict = false;
        if (body.TryGetProperty("response_format", out var format) && format.TryGetProperty("json_schema", out var jsonSchema))
        {
            schema = jsonSchema.GetProperty("name").GetString();
            strict = jsonSchema.TryGetProperty("strict", out var s) && s.ValueKind == JsonValueKind.True;
        }

        return new FakeChatCall(number, body.GetProperty("model").GetString() ?? string.Empty, schema, strict, system, user, body);
    }

    /// <summary>Content sent as an array of parts (the SDK may do so): the text parts joined.</summary>
    private static string Flatten(JsonElement content) => content.ValueKind == JsonValueKind.Array
        ? string.Concat(content.EnumerateArray().Select(part => part.TryGetProperty("text", out var text) ? text.GetString() : string.Empty))
        : string.Empty;

    private static string Completion(FakeChatCall call, string content)
    {
        var prompt = TeacherTokenizer.Count(call.System) + TeacherTokenizer.Count(call.User) + 8;
        var completion = TeacherTokenizer.Count(content);
        return new JsonObject
        {
            ["id"] = $"chatcmpl-{call.Number}",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = call.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion },
        }.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
