namespace ContribBot.Core.Runs.Files;

/// <summary>
/// Writes a file beside its final name and moves it into place, so a reader (a later workflow step, an upload) never
/// sees half a report, and an interrupted run leaves the previous file whole.
/// </summary>
public static class AtomicFile
{
    /// <remarks>Not cancellable on purpose: an interrupted run still writes its partial report.</remarks>
    public static async Task WriteAsync(string path, string content)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } directory) Directory.CreateDirectory(directory);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, content, CancellationToken.None).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
