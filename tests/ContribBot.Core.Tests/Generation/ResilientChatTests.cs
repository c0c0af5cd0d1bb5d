using System.Collections.Concurrent;
using System.Net;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Testing.FakeOpenAi;

namespace ContribBot.Core.Tests.Generation;

/// <summary>The teacher client through Semantic Kernel's OpenAI connector against the in-process fake server.</summary>
public sealed class ResilientChatTests : IAsyncLifetime
{
    private static readonly ChatRequest Request = new(ChatRole.Teacher, "answer", """{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"],"additionalProperties":false}""",
        "You answer.", "What is 2 + 2? Reply as JSON: {\"answer\": \"...\"}", 0.7, 100);

    private readonly ConcurrentQueue<TimeSpan> _waits = new();
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _server.Responder = _ => FakeReply.Message("""{"answer": "4"}""");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Asks_for_strict_json_schema_output_and_returns_the_reply_with_its_token_usage()
    {
        using var chat = Chat(Settings());

        var reply = await chat.CompleteAsync(Request, CancellationToken.None);

        Assert.Equal("""{"answer": "4"}""", reply.Text);
        Assert.True(reply.PromptTokens > 10);
        Assert.True(reply.CompletionTokens > 0);
        var call = Assert.Single(_server.Calls);
        Assert.Equal("answer", call.SchemaName);
        Assert.True(call.Strict);
        Assert.Equal("teacher-model", call.Model);
    }

    [Fact]
    public async Task A_429_is_retried_after_exactly_the_wait_the_server_asked_for()
    {
        _server.Enqueue(FakeReply.TooManyRequests(retryAfterSeconds: 7));
        using var chat = Chat(Settings());

        var reply = await chat.CompleteAsync(Request, CancellationToken.None);

        Assert.Equal("""{"answer": "4"}""", reply.Text);
        Assert.Equal([TimeSpan.FromSeconds(7)], _waits);
        Assert.Equal(2, _server.Calls.Count);
        Assert.Equal(1, chat.Usage.Snapshot().Retries);
    }

    [Fact]
    public async Task Server_errors_back_off_exponentially_with_jitter()
    {
        _server.Enqueue(FakeReply.ServerError(), FakeReply.ServerError(), FakeReply.ServerError());
        using var chat = Chat(Settings() with { InitialBackoff = TimeSpan.FromSeconds(1), MaxRetries = 3 });

        await chat.CompleteAsync(Request, CancellationToken.None);

        var waits = _waits.ToArray();
        Assert.Equal(3, waits.Length);
        for (var retry = 0; retry < 3; retry++)
        {
            var ceiling = Math.Pow(2, retry);
            Assert.InRange(waits[retry].TotalSeconds, ceiling / 2, ceiling);
        }
    }

    [Fact]
    public async Task A_reply_slower_than_the_timeout_is_abandoned_and_retried()
    {
        // The timeout leaves the prompt second attempt room for a cold start on a loaded machine (300 ms did not).
        _server.Enqueue(FakeReply.Message("""{"answer": "late"}""").After(TimeSpan.FromSeconds(20)));
        using var chat = Chat(Settings() with { RequestTimeout = TimeSpan.FromSeconds(2) });

        var reply = await chat.CompleteAsync(Request, CancellationToken.None);

        Assert.Equal("""{"answer": "4"}""", reply.Text);
        Assert.Single(_waits);
    }

    [Fact]
    public async Task Connections_closed_without_an_answer_are_retried()
    {
        _server.Enqueue(FakeReply.DroppedConnection(), FakeReply.DroppedConnection());
        using var chat = Chat(Settings());

        var reply = await chat.CompleteAsync(Request, CancellationToken.None);

        Assert.Equal("""{"answer": "4"}""", reply.Text);
        Assert.Equal(3, _server.Calls.Count);
        Assert.Equal(2, _waits.Count);
    }

    [Fact]
    public async Task A_cut_off_response_body_counts_as_a_transient_failure()
    {
        _server.Enqueue(FakeReply.TruncatedBody());
        using var chat = Chat(Settings());

        var reply = await chat.CompleteAsync(Request, CancellationToken.None);

        Assert.Equal("""{"answer": "4"}""", reply.Text);
        Assert.Equal(2, _server.Calls.Count);
    }

    [Fact]
    public async Task A_call_that_keeps_failing_gives_up_and_repeated_failures_abort_the_run()
    {
        _server.Responder = _ => FakeReply.ServerError();
        using var chat = Chat(Settings() with { MaxRetries = 1, MaxConsecutiveFailures = 2 });

        var first = await Assert.ThrowsAsync<TeacherCallException>(() => chat.CompleteAsync(Request, CancellationToken.None));
        var abort = await Assert.ThrowsAsync<TeacherUnavailableException>(() => chat.CompleteAsync(Request, CancellationToken.None));
        var later = await Assert.ThrowsAsync<TeacherUnavailableException>(() => chat.CompleteAsync(Request, CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Contains("2 calls in a row failed", abort.Message, StringComparison.Ordinal);
        Assert.Equal(abort.Message, later.Message);
        Assert.Equal(4, _server.Calls.Count); // two calls of two attempts each; none after the abort
    }

    [Fact]
    public async Task Refused_credentials_abort_at_once_with_a_hint()
    {
        _server.Enqueue(FakeReply.Error(HttpStatusCode.Unauthorized, "bad key"));
        using var chat = Chat(Settings());

        var abort = await Assert.ThrowsAsync<TeacherUnavailableException>(() => chat.CompleteAsync(Request, CancellationToken.None));

        Assert.Contains("API key", abort.Message, StringComparison.Ordinal);
        Assert.Single(_server.Calls);
    }

    [Fact]
    public async Task A_server_that_rejects_json_schema_gets_plain_requests_from_then_on()
    {
        _server.Enqueue(FakeReply.Error(HttpStatusCode.BadRequest, "response_format json_schema is not supported"));
        using var chat = Chat(Settings());

        await chat.CompleteAsync(Request, CancellationToken.None);
        await chat.CompleteAsync(Request, CancellationToken.None);

        Assert.Equal(["answer", null, null], _server.Calls.Select(call => call.SchemaName));
    }

    [Fact]
    public async Task A_bad_request_that_plain_requests_also_get_is_not_blamed_on_the_schema()
    {
        _server.Enqueue(FakeReply.Error(HttpStatusCode.BadRequest, "prompt too long"), FakeReply.Error(HttpStatusCode.BadRequest, "prompt too long"));
        using var chat = Chat(Settings());

        var failure = await Assert.ThrowsAsync<TeacherCallException>(() => chat.CompleteAsync(Request, CancellationToken.None));
        await chat.CompleteAsync(Request, CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadRequest, failure.StatusCode);
        Assert.Contains("prompt too long", failure.Message, StringComparison.Ordinal);
        Assert.Equal(["answer", null, "answer"], _server.Calls.Select(call => call.SchemaName));
    }

    [Fact]
    public async Task No_more_calls_are_in_flight_than_the_concurrency_allows()
    {
        _server.Latency = TimeSpan.FromMilliseconds(100);
        using var chat = Chat(Settings() with { Concurrency = 3 });

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => chat.CompleteAsync(Request, CancellationToken.None)));

        Assert.Equal(3, _server.MaxConcurrentRequests);
        Assert.Equal(12, chat.Usage.Snapshot().Calls);
    }

    [Fact]
    public async Task Cancellation_stops_a_call_in_flight()
    {
        _server.Enqueue(FakeReply.Message("""{"answer": "late"}""").After(TimeSpan.FromSeconds(30)));
        using var chat = Chat(Settings());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chat.CompleteAsync(Request, cancel.Token));
    }

    [Theory]
    [InlineData("http://localhost:11434/v1", "http://localhost:11434/v1/")]
    [InlineData("http://localhost:11434/v1/", "http://localhost:11434/v1/")]
    [InlineData("https://models.github.ai/inference/chat/completions", "https://models.github.ai/inference/")]
    public void Endpoints_are_accepted_in_the_forms_people_paste(string given, string expected) =>
        Assert.Equal(new Uri(expected), TeacherSettings.NormalizeEndpoint(given));

    [Theory]
    [InlineData("https://models.github.ai/inference", true)]
    [InlineData("https://models.inference.ai.azure.com", true)]
    [InlineData("http://models.github.ai/inference", false)]
    [InlineData("https://models.github.ai.evil.example/inference", false)]
    [InlineData("http://localhost:11434/v1", false)]
    public void Only_github_models_counts_as_github_models(string url, bool expected) =>
        Assert.Equal(expected, TeacherSettings.IsGitHubModels(TeacherSettings.NormalizeEndpoint(url)));

    [Theory]
    [InlineData("localhost:11434")]
    [InlineData("ftp://example.com/v1")]
    [InlineData("not a url")]
    public void Other_urls_are_refused_with_an_example(string given) =>
        Assert.Contains("e.g. http://localhost:11434/v1", Assert.Throws<ArgumentException>(() => TeacherSettings.NormalizeEndpoint(given)).Message, StringComparison.Ordinal);

    [Fact]
    public async Task Runs_sharing_a_gate_share_its_slots_but_not_their_failure_count()
    {
        _server.Responder = call => call.User.Contains("fail", StringComparison.Ordinal)
            ? FakeReply.Error(HttpStatusCode.BadRequest, "no")
            : FakeReply.Message("""{"answer": "4"}""").After(TimeSpan.FromMilliseconds(100));
        var settings = Settings() with { MaxConsecutiveFailures = 1, MaxRetries = 0 };
        using var gate = new ConcurrencyGate(2);
        using var failing = new ResilientChat(new SemanticKernelChatBackend(settings), settings, gate: gate);
        using var healthy = new ResilientChat(new SemanticKernelChatBackend(settings), settings, gate: gate);

        // One failure stops the first run; the second goes on, and both never have more than the gate's 2 in flight.
        await Assert.ThrowsAsync<TeacherUnavailableException>(() => failing.CompleteAsync(Request with { User = "fail" }, CancellationToken.None));
        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => healthy.CompleteAsync(Request, CancellationToken.None)));

        Assert.All(replies, reply => Assert.Equal("""{"answer": "4"}""", reply.Text));
        await Assert.ThrowsAsync<TeacherUnavailableException>(() => failing.CompleteAsync(Request, CancellationToken.None));
        Assert.Equal(2, _server.MaxConcurrentRequests);
    }

    [Fact]
    public async Task A_reply_over_the_size_cap_fails_the_call_for_good_without_being_read_whole()
    {
        _server.Responder = _ => FakeReply.Message(string.Concat(Enumerable.Repeat("moon ", 1024 * 1024)));
        using var chat = Chat(Settings() with { MaxReplyBytes = 1024 * 1024, MaxRetries = 3 });

        var failure = await Assert.ThrowsAsync<TeacherCallException>(() => chat.CompleteAsync(Request, CancellationToken.None));

        Assert.Equal("the reply is more than 1 MiB, the most read from a teacher", failure.Message);
        Assert.False(failure.IsTransient);
        Assert.Single(_server.Calls);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task A_hung_teacher_stops_the_run_at_its_time_limit_and_later_calls_fail_at_once()
    {
        _server.Responder = _ => FakeReply.Message("""{"answer": "4"}""").After(TimeSpan.FromSeconds(30));
        using var chat = Chat(Settings() with { TimeLimit = TimeSpan.FromMilliseconds(400), MaxRetries = 4 });

        var stopped = await Assert.ThrowsAsync<TeacherUnavailableException>(() => chat.CompleteAsync(Request, CancellationToken.None));
        var later = await Assert.ThrowsAsync<TeacherUnavailableException>(() => chat.CompleteAsync(Request, CancellationToken.None));

        Assert.Contains("time limit for teacher calls (0.4 s)", stopped.Message, StringComparison.Ordinal);
        Assert.Equal(stopped.Message, later.Message);
        // The first attempt was cut at the limit (not the 10 s request timeout) and nothing was retried after it.
        Assert.Single(_server.Calls);
        Assert.Empty(_waits);
    }

    [Fact]
    public void A_request_key_is_stable_and_tells_draws_models_and_settings_apart()
    {
        var key = Request.KeyFor("teacher-model");

        Assert.Equal(key, (Request with { }).KeyFor("teacher-model"));
        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.NotEqual(key, (Request with { Draw = 1 }).KeyFor("teacher-model"));
        Assert.NotEqual(key, Request.KeyFor("other-model"));
        Assert.NotEqual(key, (Request with { Temperature = 0 }).KeyFor("teacher-model"));
        Assert.NotEqual(key, (Request with { User = Request.User + " " }).KeyFor("teacher-model"));
        // Text moved from one message to the next is another request, not the same text joined.
        Assert.NotEqual((Request with { System = "ab", User = "c" }).KeyFor("m"), (Request with { System = "a", User = "bc" }).KeyFor("m"));
    }

    private TeacherSettings Settings() => new(_server.BaseUrl, "teacher-model") { RequestTimeout = TimeSpan.FromSeconds(10) };

    private ResilientChat Chat(TeacherSettings settings) => new(new SemanticKernelChatBackend(settings), settings, (wait, _) =>
    {
        _waits.Enqueue(wait);
        return Task.CompletedTask;
    }, new Random(42));
}
