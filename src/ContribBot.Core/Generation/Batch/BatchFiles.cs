using System.Text;

namespace ContribBot.Core.Generation.Batch;

/// <summary>
/// Writes waiting calls as batch input files within the OpenAI Batch API's limits per file (50,000 requests, 200 MB),
/// each written to a temporary name and renamed, in key order so the same calls make the same files.
/// </summary>
public static class BatchFiles
{
    public const int MaxRequestsPerFile = 50_000;

    public const long MaxBytesPerFile = 200L * 1000 * 1000;

    /// <summary>Input files are named <c>requests-…</c>; every other <c>.jsonl</c> file in a folder is taken as results.</summary>
    public const string RequestPrefix = "requests-";

    /// <returns>The files written, in order, with the number of requests in each.</returns>
    public static IReadOnlyList<(string Path, int Requests)> Write(IEnumerable<BatchRequest> requests, string directory, string round,
        int maxRequests = MaxRequestsPerFile, long maxBytes = MaxBytesPerFile)
    {
        Directory.CreateDirectory(directory);
        var written = new List<(string Path, int Requests)>();
        FileStream? file = null;
        string? path = null;
        var lines = 0;
        long bytes = 0;
        try
        {
            foreach (var request in requests.OrderBy(request => request.Key, StringComparer.Ordinal))
            {
                var line = Encoding.UTF8.GetBytes(request.ToLine() + "\n");
                if (line.Length > maxBytes) throw new BatchApiException($"one batch request is {line.Length:N0} bytes, more than a batch file may hold ({maxBytes:N0})");
                if (file is null || lines >= maxRequests || bytes + line.Length > maxBytes)
                {
                    Finish();
                    path = Path.Combine(directory, $"{RequestPrefix}{round}-{written.Count + 1:D3}.jsonl");
                    file = new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None);
                    lines = 0;
                    bytes = 0;
                }

                file.Write(line);
                lines++;
                bytes += line.Length;
            }

            Finish();
            return written;
        }
        finally
        {
            file?.Dispose();
        }

        void Finish()
        {
            if (file is null || path is null) return;
            file.Flush(flushToDisk: true);
            file.Dispose();
            file = null;
            File.Move(path + ".tmp", path, overwrite: true);
            written.Add((path, lines));
        }
    }

    /// <summary>The result files in a folder: every <c>.jsonl</c> that is not an input file, in name order.</summary>
    public static IReadOnlyList<string> ResultFilesIn(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.jsonl")
                .Where(path => !Path.GetFileName(path).StartsWith(RequestPrefix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
}
