using ContribBot.Core.Documents;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Documents;

/// <summary>One writer per document cache folder, across threads and processes.</summary>
public sealed class CacheFolderLockTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_second_holder_waits_until_the_first_lets_go()
    {
        var folder = Path.Combine(_temp.Path, "cache", "abc");
        var first = await CacheFolderLock.AcquireAsync(folder, CancellationToken.None);

        var second = CacheFolderLock.AcquireAsync(folder, CancellationToken.None);
        await Task.Delay(200);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using var held = await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Another_process_holding_the_folder_is_waited_for()
    {
        if (!File.Exists("/usr/bin/flock")) return; // util-linux's flock(1) takes the same flock(2) lock as .NET on Unix
        var folder = Path.Combine(_temp.Path, "cache", "abc");
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        var ready = Path.Combine(_temp.Path, "ready");
        using var holder = System.Diagnostics.Process.Start("/usr/bin/flock", [folder + ".lock", "-c", $"touch '{ready}'; sleep 1"]);
        while (!File.Exists(ready)) await Task.Delay(10);
        var started = System.Diagnostics.Stopwatch.StartNew();

        await using var held = await CacheFolderLock.AcquireAsync(folder, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(holder.HasExited || started.Elapsed > TimeSpan.FromMilliseconds(500), "the lock was taken while the other process held it");
        await holder.WaitForExitAsync();
    }

    [Fact]
    public async Task Waiting_ends_when_cancelled()
    {
        var folder = Path.Combine(_temp.Path, "cache", "abc");
        await using var first = await CacheFolderLock.AcquireAsync(folder, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CacheFolderLock.AcquireAsync(folder, cancel.Token));
    }

    [Fact]
    public async Task Different_folders_do_not_wait_for_each_other()
    {
        await using var a = await CacheFolderLock.AcquireAsync(Path.Combine(_temp.Path, "a"), CancellationToken.None);
        await using var b = await CacheFolderLock.AcquireAsync(Path.Combine(_temp.Path, "b"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
