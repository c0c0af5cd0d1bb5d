using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using ContribBot.Core.Http;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using OpenAI.Chat;

namespace ContribBot.Core.Generation.Teacher;

/// <summary>
/// The teacher and critic through Semantic Kernel's OpenAI connector, pointed at any OpenAI-compatible endpoint.
/// The OpenAI client's own retries are switched off: <see cref="ResilientChat"/> retries, so that Retry-After is
/// honoured once and every attempt is counted.
/// </summary>
public sealed class SemanticKernelChatBackend : IChatBackend
{
    private readonly TeacherSettings _settings;
    private readonly IChatCompletionService _teacher;
    private readonly IChatCompletionService _critic;
    private readonly TimeProvider _clock;

    // Servers that reject a json_schema response_format (older Ollama, some proxies) get plain requests after the first
    // refusal; the prompts ask for JSON anyway and the reply parser accepts it wrapped in text.
    private volatile bool _structuredOutputRefused;

    /// <param name="clock">Reads a Retry-After given as a date; tests pass their own.</param>
    public SemanticKernelChatBackend(TeacherSettings settings, TimeProvider? clock = null)
    {
        _settings = settings;
        _clock = clock ?? TimeProvider.System;
        var options = new OpenAIClientOptions
        {
            Endpoint = settings.Endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan, // one timeout per request, ResilientChat's
        };
        // Every reply body is read under the size cap; the per-request timeout is ResilientChat's, not the client's.
        var http = new HttpClient(new BoundedResponseHandler(settings.MaxReplyBytes, new SocketsHttpHandler())) { Timeout = Timeout.InfiniteTimeSpan };
        options.Transport = new HttpClientPipelineTransport(http);
        // Local servers (Ollama, vLLM) take no key, but the client insists on one.
        var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(settings.ApiKey) ? "none" : settings.ApiKey), options);
        _teacher = new OpenAIChatCompletionService(settings.Model, client);
        _critic = settings.CriticModelOrTeacher == settings.Model ? _teacher : new OpenAIChatCompletionService(settings.CriticModelOrTeacher, client);
    }

    public string ModelFor(ChatRole role) => role == ChatRole.Critic ? _settings.CriticModelOrTeacher : _settings.Model;

    public async Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var structured = !_structuredOutputRefused;
        try
        {
            return await SendAsync(request, structured, cancellationToken).ConfigureAwait(false);
        }
        catch (TeacherCallException exception) when (structured && exception.StatusCode == HttpStatusCode.BadRequest)
        {
            // Only a plain request that then succeeds shows the schema was the problem (not, say, an overlong prompt).
            var reply = await SendAsync(request, structured: false, cancellationToken).ConfigureAwait(false);
            _structuredOutputRefused = true;
            return reply;
        }
    }

    private async Task<ChatReply> SendAsync(ChatRequest request, bool structured, CancellationToken cancellationToken)
    {
        var history = new ChatHistory();
        history.AddSystemMessage(request.System);
        history.AddUserMessage(request.User);
        var execution = new OpenAIPromptExecutionSettings
        {
            Temperature = request.Temperature,
            MaxTokens = request.MaxTokens,
        };
        if (structured)
        {
            execution.ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(
                request.SchemaName, BinaryData.FromString(request.JsonSchema), jsonSchemaIsStrict: true);
        }

        var service = request.Role == ChatRole.Critic ? _critic : _teacher;
        try
        {
            var message = await service.GetChatMessageContentAsync(history, execution, kernel: null, cancellationToken).ConfigureAwait(false);
            var usage = message.Metadata?.TryGetValue("Usage", out var value) == true ? value as ChatTokenUsage : null;
            return new ChatReply(message.Content ?? string.Empty, usage?.InputTokenCount ?? 0, usage?.OutputTokenCount ?? 0);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception) when (Cause<InvalidDataException>(exception) is { } tooLarge)
        {
            // The same request would get the same reply: not worth a retry.
            throw new TeacherCallException($"the reply is {tooLarge.Message}, the most read from a teacher", null, null, exception) { Permanent = true };
        }
        catch (HttpOperationException exception)
        {
            var raw = (exception.InnerException as ClientResultException)?.GetRawResponse();
            throw new TeacherCallException(Describe(exception), exception.StatusCode, RetryAfter(raw), exception);
        }
        catch (ClientResultException exception)
        {
            var raw = exception.GetRawResponse();
            throw new TeacherCallException(exception.Message, raw is null ? null : (HttpStatusCode)raw.Status, RetryAfter(raw), exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or System.Text.Json.JsonException
                                              or InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException)
        {
            // Connection refused or reset, or a body that is not a chat completion: a transport failure, worth a retry.
            throw new TeacherCallException($"{exception.GetType().Name}: {exception.Message}", null, null, exception);
        }
    }

    private static T? Cause<T>(Exception exception)
        where T : Exception
    {
        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is T found) return found;
        }

        return null;
    }

    private static string Describe(HttpOperationException exception)
    {
        if (exception.StatusCode is null)
        {
            // No answer at all (connection refused, DNS, TLS): the innermost exception says why.
            var cause = exception.InnerException ?? exception;
            while (cause.InnerException is not null) cause = cause.InnerException;
            return $"no response: {cause.Message}";
        }

        var status = $"HTTP {(int)exception.StatusCode} {exception.StatusCode}";
        var body = exception.ResponseContent is { Length: > 0 } content ? content.Length > 300 ? content[..300] + "…" : content : null;
        return body is null ? status : $"{status}: {body}";
    }

    /// <summary>Retry-After in seconds or as an HTTP date; null when absent or unreadable.</summary>
    private TimeSpan? RetryAfter(PipelineResponse? response) =>
        response is not null && response.Headers.TryGetValue("Retry-After", out var value) ? Http.RetryAfter.Parse(value, _clock.GetUtcNow()) : null;
}
