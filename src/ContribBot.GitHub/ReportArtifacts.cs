using System.IO.Compression;
using ContribBot.Core.Reports.Preview;
using Octokit;

namespace ContribBot.GitHub;

/// <summary>
/// The newest report artifact (<c>contribbot-report</c>, as the preview workflow and the command workflow upload it)
/// made for a commit, read back: what a review in a workflow needs to know which samples the comment shows. The
/// artifact may come from a fork's run, so its download and its report.json are read within bounds and the report goes
/// through the same bounded reader as for publishing; the verdict is never taken from it.
/// </summary>
public sealed class ReportArtifacts(IGitHubClient client, GitHubRetry retry)
{
    public const string ArtifactName = "contribbot-report";

    /// <summary>Largest artifact archive downloaded.</summary>
    public const long MaxArchiveBytes = 64L * 1024 * 1024;

    /// <summary>The report of the newest unexpired artifact for <paramref name="headSha"/>, or null when there is none.</summary>
    /// <exception cref="InvalidDataException">The artifact is too large or holds no readable report.json.</exception>
    public async Task<PublishedReport?> LatestAsync(string owner, string name, string headSha, CancellationToken cancellationToken)
    {
        var listed = await retry.RunAsync("listing the report artifacts", () => client.Actions.Artifacts.ListArtifacts(owner, name, new ListArtifactsRequest { Name = ArtifactName, PerPage = 100 }),
            cancellationToken).ConfigureAwait(false);
        var newest = listed.Artifacts
            .Where(artifact => !artifact.Expired && artifact.Name == ArtifactName && string.Equals(artifact.WorkflowRun?.HeadSha, headSha, StringComparison.OrdinalIgnoreCase))
            .MaxBy(artifact => artifact.CreatedAt);
        if (newest is null) return null;
        if (newest.SizeInBytes > MaxArchiveBytes) throw new InvalidDataException($"the report artifact {newest.Id} is {newest.SizeInBytes:N0} bytes, more than {MaxArchiveBytes:N0}");

        var archive = await retry.RunAsync("downloading the report artifact", () => client.Actions.Artifacts.DownloadArtifact(owner, name, newest.Id, "zip"), cancellationToken)
            .ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await CopyBoundedAsync(archive, buffer, MaxArchiveBytes, cancellationToken).ConfigureAwait(false);
            buffer.Position = 0;
            try
            {
                using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
                var entry = zip.GetEntry("report.json") ?? throw new InvalidDataException("the report artifact holds no report.json");
                if (entry.Length > ReportJsonReader.MaxBytes) throw new InvalidDataException($"the artifact's report.json is larger than {ReportJsonReader.MaxBytes:N0} bytes");
                await using var json = entry.Open();
                using var report = new MemoryStream();
                // The size in the archive's directory is the sender's word: the bound holds whatever the stream yields.
                await CopyBoundedAsync(json, report, ReportJsonReader.MaxBytes, cancellationToken).ConfigureAwait(false);
                report.Position = 0;
                return await ReportJsonReader.ReadAsync(report, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or NotSupportedException)
            {
                throw new InvalidDataException($"the report artifact is not a readable zip archive ({exception.Message})", exception);
            }
        }
    }

    private static async Task CopyBoundedAsync(Stream from, Stream to, long maxBytes, CancellationToken cancellationToken)
    {
        var chunk = new byte[81_920];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > maxBytes) throw new InvalidDataException($"the report artifact is larger than {maxBytes:N0} bytes");
            await to.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }
}
