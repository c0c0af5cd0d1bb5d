using System.Text;
using ContribBot.Core.Git;
using ContribBot.Testing;
using LibGit2Sharp;

namespace ContribBot.Core.Tests.Git;

public sealed class GitBlobIdTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(12_345)]
    [InlineData(1_000_000)]
    public void The_id_of_content_is_the_one_git_gives_the_same_bytes(int length)
    {
        using var folder = new TempDirectory();
        using var repository = new Repository(Repository.Init(folder.Path));
        var content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + i % 26))));

        using var stream = new MemoryStream(content);
        var blob = repository.ObjectDatabase.CreateBlob(stream);

        Assert.Equal(blob.Sha, GitBlobId.Of(content));
    }
}
