using System.Text;

namespace ContribBot.Core.Runs.Files;

/// <summary>
/// Writes a file beside its final name and moves it into place, so a reader (a later workflow step, an upload) never
/// sees half a report, and an interrupted run leaves the previous file whole.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <remarks>Not cancellable on purpose: an interrupted run still writes its partial report.</remarks>
    public static Task WriteAsync(string path, string content) => WriteAsync(path, async stream =>
    {
        await using var writer = new StreamWriter(stream, Utf8, bufferSize: 1 << 16, leaveOpen: true);
        await writer.WriteAsync(content).ConfigureAwait(false);
    });

    /// <summary>
    /// The same for content written as a stream (rows copied, Parquet row groups appended): <paramref name="write"/>
    /// gets the temporary file, open for reading and writing; the file takes its final name only once it returns.
    /// </summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } directory) Directory.CreateDirectory(directory);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(stream).ConfigureAwait(false);
                await stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
