using ContribBot.Core.Documents;

namespace ContribBot.Core.Tests.Documents;

public sealed class DocumentMirrorsTests
{
    [Fact]
    public void A_whole_repository_mirror_matches_the_url_with_or_without_dot_git_and_case_in_the_host()
    {
        var mirrors = new DocumentMirrors(DocumentMirrors.ParsePairs(["https://github.com/org/docs=/srv/docs.git"]), []);

        Assert.Equal("/srv/docs.git", mirrors.For("https://GitHub.com/org/docs.git"));
        Assert.Equal("/srv/docs.git", mirrors.For("https://github.com/org/docs/"));
        Assert.Null(mirrors.For("https://github.com/org/other"));
    }

    [Fact]
    public void The_longest_insteadOf_prefix_wins_as_in_git()
    {
        var mirrors = new DocumentMirrors(new Dictionary<string, string>(),
            [("https://github.com/", "https://mirror.example/all/"), ("https://github.com/org/", "/srv/org/")]);

        Assert.Equal("/srv/org/docs", mirrors.For("https://github.com/org/docs"));
        Assert.Equal("https://mirror.example/all/else/docs", mirrors.For("https://github.com/else/docs"));
    }

    [Theory]
    [InlineData("https://github.com/org/docs")]
    [InlineData("=/srv/docs")]
    [InlineData("https://github.com/org/docs=")]
    public void A_mirror_that_is_not_url_equals_path_is_refused_with_an_example(string pair)
    {
        var exception = Assert.Throws<ArgumentException>(() => DocumentMirrors.ParsePairs([pair]));

        Assert.Contains("is not URL=PATH (e.g. ", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://github.com/org/docs", "https://github.com/org/docs")]
    [InlineData("https://GITHUB.com/org/docs.git", "https://github.com/org/docs")]
    [InlineData("https://github.com/org/docs/", "https://github.com/org/docs")]
    [InlineData("https://git.example:8443/docs.git", "https://git.example:8443/docs")]
    [InlineData("/srv/docs.git/", "/srv/docs")]
    public void Cache_keys_come_from_the_normalized_url(string url, string normalized) =>
        Assert.Equal(normalized, DocumentCacheKey.Normalize(url));
}
