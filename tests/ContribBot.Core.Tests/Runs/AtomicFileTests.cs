using ContribBot.Core.Runs.Files;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Runs;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_written_file_replaces_the_old_one_whole_and_leaves_nothing_beside_it()
    {
        var path = _temp.Combine("out/deeper/report.json");
        await AtomicFile.WriteAsync(path, "old");

        await AtomicFile.WriteAsync(path, "new");

        Assert.Equal("new", await File.ReadAllTextAsync(path));
        Assert.Equal(["report.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_failed_write_keeps_the_old_file()
    {
        var path = _temp.Combine("report.json");
        await AtomicFile.WriteAsync(path, "old");
        Directory.CreateDirectory(path + $".{Environment.ProcessId}.tmp"); // the temporary name is taken: the write fails

        var failure = await Assert.ThrowsAnyAsync<SystemException>(() => AtomicFile.WriteAsync(path, "new"));
        Assert.True(failure is IOException or UnauthorizedAccessException, failure.GetType().Name);

        Assert.Equal("old", await File.ReadAllTextAsync(path));
    }
}
