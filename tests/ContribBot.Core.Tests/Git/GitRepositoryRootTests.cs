using ContribBot.Core.Git;
using ContribBot.Testing;
using LibGit2Sharp;

namespace ContribBot.Core.Tests.Git;

public sealed class GitRepositoryRootTests
{
    [Fact]
    public void A_folder_or_file_deep_in_a_repository_finds_the_folder_git_opens()
    {
        using var folder = new TempDirectory();
        Repository.Init(folder.Path);
        Directory.CreateDirectory(folder.Combine("knowledge/science/physics"));
        File.WriteAllText(folder.Combine("knowledge/science/physics/qna.yaml"), "version: 3\n");

        Assert.Equal(folder.Path, GitRepositoryRoot.Find(folder.Combine("knowledge/science/physics")));
        Assert.Equal(folder.Path, GitRepositoryRoot.Find(folder.Combine("knowledge/science/physics/qna.yaml")));
        Assert.Equal(folder.Path, GitRepositoryRoot.Find(folder.Path));
    }

    [Fact]
    public void A_folder_outside_any_repository_has_none_and_a_bare_repository_is_its_own()
    {
        using var plain = new TempDirectory();
        using var bare = new TempDirectory();
        Repository.Init(bare.Path, isBare: true);

        Assert.Null(GitRepositoryRoot.Find(plain.Path));
        Assert.Equal(bare.Path, GitRepositoryRoot.Find(bare.Path));
    }
}
