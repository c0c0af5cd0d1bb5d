using System.Diagnostics;
using ContribBot.Core.Limits;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Limits;

public sealed class FileKindTests
{
    [Fact]
    public void Tells_regular_files_folders_links_and_fifos_apart_where_dotnet_sees_only_files()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "qna.yaml");
        File.WriteAllText(file, "version: 3\n");
        var link = Path.Combine(folder.Path, "link.yaml");
        File.CreateSymbolicLink(link, file);
        var fifo = Path.Combine(folder.Path, "fifo.yaml");
        using (var mkfifo = Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();

        Assert.Equal(FileKindValue.Regular, FileKind.Of(file, followLinks: false));
        Assert.Equal(FileKindValue.Directory, FileKind.Of(folder.Path, followLinks: false));
        Assert.Equal(FileKindValue.SymbolicLink, FileKind.Of(link, followLinks: false));
        Assert.Equal(FileKindValue.Regular, FileKind.Of(link, followLinks: true));
        Assert.Equal(FileKindValue.Special, FileKind.Of(fifo, followLinks: false));
        Assert.Equal(FileKindValue.Special, FileKind.Of("/dev/zero", followLinks: true));
        Assert.Equal(FileKindValue.Missing, FileKind.Of(Path.Combine(folder.Path, "nothing"), followLinks: false));
        Assert.True(File.Exists(fifo)); // what .NET alone would say
    }
}
