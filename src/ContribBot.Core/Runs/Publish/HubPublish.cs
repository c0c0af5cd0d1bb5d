using System.Security.Cryptography;
using System.Text.Json;
using ContribBot.Core.Http.Hub;
using ContribBot.Core.Reports.Dataset;

namespace ContribBot.Core.Runs.Publish;

/// <summary>What was published: the repository, the revision, the commit, and how many files went through LFS and were uploaded.</summary>
public sealed record HubPublishOutcome(HubRepository Repository, string Revision, HubCommit Commit, int Files, int LfsFiles, int Uploaded);

/// <summary>
/// The use case "publish a dataset to the Hugging Face Hub": the dataset folder must be one <c>build</c> or <c>merge</c>
/// finished (its <c>manifest.json</c> and card are there, and every file matches its SHA-256 in the manifest: a damaged
/// or half-written dataset is never published). Then the repository and branch are made if needed, the Hub says which
/// files go through LFS (the Parquet files, and any large one), those are uploaded, and one commit adds everything,
/// its message naming the taxonomy commit the data came from.
/// </summary>
public static class HubPublish
{
    /// <exception cref="InvalidDataException">The folder is not a finished dataset, or a file does not match the manifest.</exception>
    /// <exception cref="HubRefusedException">The Hub refused (token, access, name).</exception>
    /// <exception cref="HubUnreachableException">The Hub kept failing or could not be reached.</exception>
    public static async Task<HubPublishOutcome> RunAsync(
        string datasetDirectory, HubRepository repository, string revision, bool isPrivate, HubClient hub, CancellationToken cancellationToken)
    {
        var (commit, files) = await ReadDatasetAsync(datasetDirectory, cancellationToken).ConfigureAwait(false);
        await hub.EnsureRepositoryAsync(repository, isPrivate, cancellationToken).ConfigureAwait(false);
        await hub.EnsureBranchAsync(repository, revision, cancellationToken).ConfigureAwait(false);
        var lfs = await hub.PreuploadAsync(repository, revision, files, cancellationToken).ConfigureAwait(false);
        var uploaded = await hub.UploadLfsAsync(repository, revision, [.. files.Where(file => lfs.Contains(file.PathInRepo))], cancellationToken).ConfigureAwait(false);
        var summary = commit is null ? "ContribBot dataset" : $"ContribBot dataset from taxonomy commit {commit}";
        var description = "Built by ContribBot. Files: " + string.Join(", ", files.Select(file => $"{file.PathInRepo} ({file.Size:N0} bytes)")) + ".";
        var made = await hub.CommitAsync(repository, revision, summary, description, files, lfs, cancellationToken).ConfigureAwait(false);
        return new HubPublishOutcome(repository, revision, made, files.Count, lfs.Count, uploaded);
    }

    /// <summary>The taxonomy commit and the files to publish (the manifest's, then manifest.json and the card), each checked against the manifest.</summary>
    private static async Task<(string? Commit, List<HubFile> Files)> ReadDatasetAsync(string directory, CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(directory, DatasetManifest.FileName);
        if (!File.Exists(manifestPath) || !File.Exists(Path.Combine(directory, "README.md")))
        {
            throw new InvalidDataException($"{directory} has no {DatasetManifest.FileName} and README.md: not a finished dataset (a build or merge writes them last, and not when a gate failed).");
        }

        if (new FileInfo(manifestPath).Length > 256 * 1024 * 1024) throw new InvalidDataException($"{manifestPath} is larger than 256 MiB; not a dataset manifest.");
        string? commit;
        var listed = new List<(string Name, string Sha256, long Bytes)>();
        try
        {
            using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(manifestPath, cancellationToken).ConfigureAwait(false), new JsonDocumentOptions { MaxDepth = 32 });
            var root = manifest.RootElement;
            if (root.GetProperty("format").GetString() != DatasetManifest.CurrentFormat) throw new InvalidDataException($"{manifestPath} is not a {DatasetManifest.CurrentFormat} manifest.");
            commit = root.GetProperty("taxonomyCommit").ValueKind == JsonValueKind.String ? root.GetProperty("taxonomyCommit").GetString() : null;
            foreach (var file in root.GetProperty("files").EnumerateArray())
            {
                listed.Add((file.GetProperty("name").GetString()!, file.GetProperty("sha256").GetString()!, file.GetProperty("bytes").GetInt64()));
            }
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{manifestPath} is not a dataset manifest ({exception.Message}).", exception);
        }

        var files = new List<HubFile>();
        foreach (var (name, sha256, bytes) in listed)
        {
            if (!Limits.RelativePaths.StaysInside(name)) throw new InvalidDataException($"{manifestPath} names a file outside the dataset: {name}.");
            var file = await DescribeAsync(directory, name, cancellationToken).ConfigureAwait(false);
            if (file.Size != bytes || file.Sha256 != sha256)
            {
                throw new InvalidDataException($"{Path.Combine(directory, name)} does not match its SHA-256 in the manifest; it is damaged or was changed. Build or merge again.");
            }

            files.Add(file);
        }

        files.Add(await DescribeAsync(directory, DatasetManifest.FileName, cancellationToken).ConfigureAwait(false));
        files.Add(await DescribeAsync(directory, "README.md", cancellationToken).ConfigureAwait(false));
        return (commit, files);
    }

    private static async Task<HubFile> DescribeAsync(string directory, string name, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path)) throw new InvalidDataException($"{path} is missing; build or merge again.");
        await using var stream = File.OpenRead(path);
        var sample = new byte[(int)Math.Min(HubFile.SampleBytes, stream.Length)];
        await stream.ReadExactlyAsync(sample, cancellationToken).ConfigureAwait(false);
        stream.Position = 0;
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        return new HubFile(name.Replace('\\', '/'), path, stream.Length, sha256, sample);
    }
}
