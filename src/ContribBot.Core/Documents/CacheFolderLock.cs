namespace ContribBot.Core.Documents;

/// <summary>
/// Holds a cache folder for one writer at a time, across threads and processes (two build shards on one runner, the
/// App beside a CLI run): an exclusive lock on a file beside the folder, which the system drops when its holder exits,
/// however it exits. Waiting is bounded by the caller's cancellation.
/// </summary>
public sealed class CacheFolderLock : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private readonly FileStream _file;

    private CacheFolderLock(FileStream file) => _file = file;

    /// <summary>Waits until no one else holds <paramref name="folder"/>, then holds it until disposed.</summary>
    public static async Task<CacheFolderLock> AcquireAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Unix and a sharing lock on Windows.
                return new CacheFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _file.Dispose();

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
