using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContribBot.Core.Generation.Teacher;
using OpenAI;
using OpenAI.Batch;
using OpenAI.Files;

using ContribBot.Core.Text;

namespace ContribBot.Core.Generation.Batch;

/// <summary>
/// The OpenAI Batch API through the OpenAI SDK: upload an input file, create a batch, ask how it is doing, download its
/// output. The SDK's retry policy retries throttling, server errors and dropped connections within
/// <see cref="TeacherSettings.MaxRetries"/>; what still fails becomes a <see cref="BatchApiException"/> that says which
/// step failed.
/// </summary>
#pragma warning disable OPENAI001 // The batch client is marked experimental by the SDK; the HTTP API it calls is stable.
public sealed class OpenAiBatches
{
    private readonly OpenAIFileClient _files;
    private readonly BatchClient _batches;

    public OpenAiBatches(TeacherSettings settings, HttpClient? httpClient = null)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = settings.Endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: settings.MaxRetries),
            NetworkTimeout = settings.RequestTimeout,
        };
        if (httpClient is not null) options.Transport = new HttpClientPipelineTransport(httpClient);
        var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(settings.ApiKey) ? "none" : settings.ApiKey), options);
        _files = client.GetOpenAIFileClient();
        _batches = client.GetBatchClient();
    }

    /// <summary>Uploads one input file and starts a batch over it; returns the batch id.</summary>
    public async Task<string> SubmitAsync(string inputFile, CancellationToken cancellationToken)
    {
        var upload = await Step("upload " + Path.GetFileName(inputFile), async () =>
        {
            await using var stream = File.OpenRead(inputFile);
            return (await _files.UploadFileAsync(stream, Path.GetFileName(inputFile), FileUploadPurpose.Batch, cancellationToken).ConfigureAwait(false)).Value.Id;
        }).ConfigureAwait(false);
        var body = new JsonObject { ["input_file_id"] = upload, ["endpoint"] = BatchRequest.Endpoint, ["completion_window"] = "24h" };
        return await Step("create a batch", async () =>
        {
            var operation = await _batches.CreateBatchAsync(BinaryContent.Create(BinaryData.FromString(body.ToJsonString())), waitUntilCompleted: false,
                new RequestOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
            return Read(operation.GetRawResponse().Content).Id;
        }).ConfigureAwait(false);
    }

    public Task<BatchStatus> StatusAsync(string batchId, CancellationToken cancellationToken) => Step($"read batch {batchId}", async () =>
    {
        var operation = await CreateBatchOperation.RehydrateAsync(_batches, batchId, cancellationToken).ConfigureAwait(false);
        var result = await operation.GetBatchAsync(new RequestOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
        return Read(result.GetRawResponse().Content);
    });

    /// <summary>Writes a file's content to <paramref name="path"/> (temporary name, then renamed).</summary>
    public Task DownloadAsync(string fileId, string path, CancellationToken cancellationToken) => Step($"download file {fileId}", async () =>
    {
        var content = await _files.DownloadFileAsync(fileId, cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(path + ".tmp", content.Value.ToArray(), cancellationToken).ConfigureAwait(false);
        File.Move(path + ".tmp", path, overwrite: true);
        return true;
    });

    private static BatchStatus Read(BinaryData json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string? Text(string name) => JsonStrings.Property(root, name);
        return new BatchStatus(Text("id") ?? throw new JsonException("the batch has no id"), Text("status") ?? "unknown", Text("output_file_id"), Text("error_file_id"));
    }

    private static async Task<T> Step<T>(string what, Func<Task<T>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (ClientResultException exception)
        {
            throw new BatchApiException($"the batch API failed to {what}: HTTP {exception.Status} {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new BatchApiException($"the batch API failed to {what}: {exception.Message}", exception);
        }
    }
}
#pragma warning restore OPENAI001

/// <summary>A batch as the API reports it.</summary>
public sealed record BatchStatus(string Id, string Status, string? OutputFileId, string? ErrorFileId)
{
    /// <summary>The batch will change no more (completed, failed, expired or cancelled).</summary>
    public bool IsFinished => Status is "completed" or "failed" or "expired" or "cancelled";
}

/// <summary>A step of the batch API failed even after the retries.</summary>
public sealed class BatchApiException : Exception
{
    public BatchApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BatchApiException()
    {
    }

    public BatchApiException(string message)
        : base(message)
    {
    }
}
