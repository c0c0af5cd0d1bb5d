using ContribBot.Core.Documents;
using ContribBot.Core.Git;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Documents;

/// <summary>Knowledge documents resolved from real git repositories made in temp folders.</summary>
public sealed class DocumentResolutionTests : IDisposable
{
    private readonly TaxonomyRepoFixture _documents = new();
    private readonly TempDirectory _cache = new();
    private readonly TempDirectory _taxonomy = new();
    private readonly string _commit;

    public DocumentResolutionTests()
    {
        _documents.WriteFile("moon/phases.md", "# Phases of the Moon\n\nThe Moon does not make its own light.\n");
        _documents.WriteFile("moon/tides.md", "# Tides\n\nSpring tides happen near new and full moon.\n");
        _documents.WriteFile("moon/data.csv", "phase,days\nnew,0\n");
        _commit = _documents.Commit("Documents");
    }

    public void Dispose()
    {
        _documents.Dispose();
        _cache.Dispose();
        _taxonomy.Dispose();
    }

    private DocumentOptions Options(bool allowLocal = true, bool offline = false) =>
        DocumentOptions.Default with { CacheDirectory = _cache.Path, AllowLocalRepos = allowLocal, Offline = offline, FetchTimeout = TimeSpan.FromSeconds(20) };

    /// <summary>A document section as a leaf writes it; the repo is on line 2, the commit on 3, patterns from 5.</summary>
    private static DocumentReference Reference(string repo, string commit, params string[] patterns)
    {
        var yaml = $"document:\n  repo: {repo}\n  commit: {commit}\n  patterns:\n{string.Concat(patterns.Select(p => $"    - \"{p}\"\n"))}";
        var root = (YamlMapping)YamlReader.Read("/t/qna.yaml", yaml, YamlLimits.Default).Document!.Root!;
        return DocumentReference.From(root)!;
    }

    private Task<DocumentResolution> ResolveAsync(DocumentReference reference, DocumentOptions? options = null) =>
        new GitDocumentResolver(options ?? Options()).ResolveAsync(reference, "/t/qna.yaml", _taxonomy.Path, CancellationToken.None);

    [Fact]
    public async Task A_good_commit_and_patterns_resolve_to_the_markdown_files_with_their_blob_ids()
    {
        var resolution = await ResolveAsync(Reference(_documents.Root, _commit, "moon/*.md"));

        Assert.Empty(resolution.Diagnostics);
        Assert.Equal(["moon/phases.md", "moon/tides.md"], resolution.Files.Select(f => f.Path));
        Assert.Equal(_documents.BlobIdAt(_commit, "moon/phases.md"), resolution.Files[0].BlobId);
        Assert.All(resolution.Files, f => Assert.Equal(_commit, f.Commit));
    }

    [Fact]
    public async Task A_fetch_that_fails_on_the_way_is_tried_again_after_a_wait()
    {
        // A mirror folder still being filled (say, restored from a cache): no repository at first, one after the wait.
        var later = Directory.CreateDirectory(Path.Combine(_taxonomy.Path, "mirror")).FullName;
        var waits = new List<TimeSpan>();
        var options = Options() with
        {
            RetryDelay = (wait, _) =>
            {
                waits.Add(wait);
                if (!LibGit2Sharp.Repository.IsValid(later)) LibGit2Sharp.Repository.Clone(_documents.Root, later, new LibGit2Sharp.CloneOptions { IsBare = true });
                return Task.CompletedTask;
            },
        };

        var resolution = await ResolveAsync(Reference(later, _commit, "moon/*.md"), options);

        Assert.Empty(resolution.Diagnostics);
        Assert.Equal(2, resolution.Files.Count);
        Assert.Equal([TimeSpan.FromSeconds(1)], waits);
    }

    [Fact]
    public async Task A_fetch_that_keeps_failing_says_how_many_times_it_was_tried()
    {
        var waits = new List<TimeSpan>();
        var options = Options() with { RetryDelay = (wait, _) => { waits.Add(wait); return Task.CompletedTask; } };

        var empty = Directory.CreateDirectory(Path.Combine(_taxonomy.Path, "never-filled")).FullName;

        var resolution = await ResolveAsync(Reference(empty, _commit, "moon/*.md"), options);

        var diagnostic = Assert.Single(resolution.Diagnostics);
        Assert.Equal("CB0603", diagnostic.Id);
        Assert.EndsWith("(after 3 attempts)", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], waits);
    }

    [Fact]
    public async Task A_commit_that_does_not_exist_is_reported_at_the_commit_line()
    {
        var resolution = await ResolveAsync(Reference(_documents.Root, new string('a', 40), "moon/*.md"));

        var diagnostic = Assert.Single(resolution.Diagnostics);
        Assert.Equal(("CB0602", 3, 11), (diagnostic.Id, diagnostic.Position.Line, diagnostic.Position.Column));
    }

    [Fact]
    public async Task A_pattern_that_matches_nothing_is_reported_at_its_own_line()
    {
        var resolution = await ResolveAsync(Reference(_documents.Root, _commit, "moon/*.md", "sun/*.md"));

        var diagnostic = Assert.Single(resolution.Diagnostics);
        Assert.Equal(("CB0605", 6, 7), (diagnostic.Id, diagnostic.Position.Line, diagnostic.Position.Column));
        Assert.Equal(2, resolution.Files.Count);
    }

    [Fact]
    public async Task Matched_files_must_be_markdown_and_patterns_must_stay_inside_the_repository()
    {
        var resolution = await ResolveAsync(Reference(_documents.Root, _commit, "moon/*", "../secrets/*.md"));

        Assert.Equal(["CB0607@5:7", "CB0604@6:7"], resolution.Diagnostics.Codes());
        Assert.Equal("'moon/data.csv' (matched by 'moon/*') is not a Markdown file", resolution.Diagnostics[0].Message);
    }

    [Fact]
    public async Task A_link_in_the_document_repository_is_not_a_document()
    {
        var outside = Path.Combine(_cache.Path, "outside.md");
        await File.WriteAllTextAsync(outside, "# secret\n");
        File.CreateSymbolicLink(Path.Combine(_documents.Root, "moon", "link.md"), outside);
        var commit = _documents.Commit("Add a link");

        var resolution = await ResolveAsync(Reference(_documents.Root, commit, "moon/link.md"));

        Assert.Equal(["CB0606@5:7"], resolution.Diagnostics.Codes());
    }

    [Fact]
    public async Task Documents_over_the_size_limit_are_refused()
    {
        var resolution = await ResolveAsync(Reference(_documents.Root, _commit, "moon/phases.md"), Options() with { MaxDocumentBytes = 10 });

        Assert.Equal(["CB0608@5:7"], resolution.Diagnostics.Codes());
    }

    [Fact]
    public async Task A_second_run_needs_no_network_the_commit_is_cached()
    {
        await ResolveAsync(Reference(_documents.Root, _commit, "moon/*.md"));
        Directory.Delete(_documents.Root, recursive: true); // the "remote" is gone

        var resolution = await ResolveAsync(Reference(_documents.Root, _commit, "moon/*.md"), Options(offline: true));

        Assert.Empty(resolution.Diagnostics);
        Assert.Equal(2, resolution.Files.Count);
    }

    [Fact]
    public async Task Local_repositories_need_allow_local_repos()
    {
        var resolution = await ResolveAsync(Reference(_documents.Root, _commit, "moon/*.md"), Options(allowLocal: false));

        var diagnostic = Assert.Single(resolution.Diagnostics);
        Assert.Equal(("CB0601", 2, 9), (diagnostic.Id, diagnostic.Position.Line, diagnostic.Position.Column));
        Assert.Contains("--allow-local-repos", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://example.com/docs.git")]
    [InlineData("git@github.com:owner/docs.git")]
    [InlineData("ssh://git@github.com/owner/docs.git")]
    public async Task Only_https_is_fetched(string repo)
    {
        var resolution = await ResolveAsync(Reference(repo, _commit, "*.md"));

        Assert.Equal("CB0601", Assert.Single(resolution.Diagnostics).Id);
    }

    [Fact]
    public async Task A_url_with_credentials_is_refused_at_the_repo_line_and_never_shown_or_fetched()
    {
        var resolution = await ResolveAsync(Reference("https://user:ghp_secret@github.com/o/docs.git", _commit, "*.md"), Options(allowLocal: false));

        var diagnostic = Assert.Single(resolution.Diagnostics);
        Assert.Equal(("CB0601", 2, 9), (diagnostic.Id, diagnostic.Position.Line, diagnostic.Position.Column));
        Assert.DoesNotContain("ghp_secret", diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_cache.Path));
    }

    [Fact]
    public async Task The_templates_placeholder_is_called_a_placeholder_not_a_local_repository()
    {
        var resolution = await ResolveAsync(Reference("<document-repository-url-goes-here>", _commit, "*.md"), Options(allowLocal: false));

        var diagnostic = Assert.Single(resolution.Diagnostics);
        Assert.Equal(("CB0601", 2, 9), (diagnostic.Id, diagnostic.Position.Line, diagnostic.Position.Column));
        Assert.Contains("the template's placeholder", diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--allow-local-repos", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loopback_url_is_refused_unless_local_repositories_are_allowed()
    {
        var resolution = await ResolveAsync(Reference("https://127.0.0.1:443/docs.git", _commit, "*.md"), Options(allowLocal: false));

        Assert.Contains("loopback", Assert.Single(resolution.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_host_is_a_warning_about_the_network_not_an_error_in_the_leaf()
    {
        // Port 1 on loopback refuses connections at once: no network beyond this machine is touched.
        var resolution = await ResolveAsync(Reference("https://127.0.0.1:1/docs.git", _commit, "*.md"));

        var diagnostic = Assert.Single(resolution.Diagnostics);
        Assert.Equal(("CB0616", ContribBot.Core.Diagnostics.Severity.Warning, 2, 9),
            (diagnostic.Id, diagnostic.Severity, diagnostic.Position.Line, diagnostic.Position.Column));
        Assert.StartsWith("cannot reach the host of https://127.0.0.1:1/docs.git: no connection to 127.0.0.1:1", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("--offline", diagnostic.Hint, StringComparison.Ordinal);
        Assert.Contains("--document-mirror", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mirror_given_for_a_url_is_fetched_instead_and_cached_under_the_url()
    {
        var url = "https://github.com/example/moon-docs";
        var options = Options(allowLocal: false) with
        {
            Mirrors = new DocumentMirrors(DocumentMirrors.ParsePairs([$"{url}.git={_documents.Root}"]), []),
        };

        var resolution = await ResolveAsync(Reference(url, _commit, "moon/*.md"), options);

        Assert.Empty(resolution.Diagnostics);
        Assert.Equal(2, resolution.Files.Count);
        Assert.True(LibGit2Sharp.Repository.IsValid(Path.Combine(_cache.Path, DocumentCacheKey.Of(url))));
    }

    [Fact]
    public async Task Gits_insteadOf_settings_point_document_fetches_at_a_mirror()
    {
        var mirrors = Directory.CreateDirectory(Path.Combine(_taxonomy.Path, "mirrors")).FullName;
        LibGit2Sharp.Repository.Clone(_documents.Root, Path.Combine(mirrors, "moon-docs"), new LibGit2Sharp.CloneOptions { IsBare = true });
        var gitConfig = Path.Combine(_taxonomy.Path, "gitconfig");
        await File.WriteAllTextAsync(gitConfig, $"[url \"{mirrors}/\"]\n\tinsteadOf = https://github.com/example/\n");

        var rewrites = GitUrlRewrites.Read(gitConfig);
        var options = Options(allowLocal: false) with { Mirrors = new DocumentMirrors(new Dictionary<string, string>(), rewrites) };
        var resolution = await ResolveAsync(Reference("https://github.com/example/moon-docs", _commit, "moon/*.md"), options);

        Assert.Contains(($"https://github.com/example/", $"{mirrors}/"), rewrites);
        Assert.Empty(resolution.Diagnostics);
    }

    [Fact]
    public async Task A_url_with_and_without_dot_git_shares_one_cache_entry()
    {
        var mirrored = Options(allowLocal: false) with
        {
            Mirrors = new DocumentMirrors(DocumentMirrors.ParsePairs([$"https://github.com/example/moon-docs={_documents.Root}"]), []),
        };
        await ResolveAsync(Reference("https://github.com/example/moon-docs.git", _commit, "moon/*.md"), mirrored);

        var offline = await ResolveAsync(Reference("https://GitHub.com/example/moon-docs/", _commit, "moon/*.md"), Options(allowLocal: false, offline: true));

        Assert.Empty(offline.Diagnostics); // found in the cache: nothing skipped
        Assert.Single(Directory.GetDirectories(_cache.Path));
    }

    [Fact]
    public async Task A_cache_pre_filled_with_a_bare_clone_at_the_documented_path_is_used_offline()
    {
        // docs/documents.md: <cache>/<first 24 hex digits of sha256 of the normalized URL>, a bare repository.
        var url = "https://github.com/example/moon-docs.git";
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("https://github.com/example/moon-docs"u8.ToArray()))[..24];
        LibGit2Sharp.Repository.Clone(_documents.Root, Path.Combine(_cache.Path, key), new LibGit2Sharp.CloneOptions { IsBare = true });

        var resolution = await ResolveAsync(Reference(url, _commit, "moon/*.md"), Options(allowLocal: false, offline: true));

        Assert.Equal(key, DocumentCacheKey.Of(url));
        Assert.Empty(resolution.Diagnostics);
        Assert.Equal(2, resolution.Files.Count);
    }

    [Fact]
    public async Task A_local_repository_that_does_not_exist_cannot_be_fetched()
    {
        var resolution = await ResolveAsync(Reference(Path.Combine(_cache.Path, "nowhere"), _commit, "*.md"));

        Assert.Equal("CB0603", Assert.Single(resolution.Diagnostics).Id);
    }

    [Fact]
    public async Task A_damaged_cache_is_reported_with_its_folder()
    {
        await ResolveAsync(Reference(_documents.Root, _commit, "moon/*.md"));
        foreach (var config in Directory.GetFiles(_cache.Path, "config", SearchOption.AllDirectories))
        {
            await File.WriteAllTextAsync(config, "[core\n\u0000 not a git config");
        }

        var resolution = await ResolveAsync(Reference(_documents.Root, _commit, "moon/*.md"), Options(offline: true));

        var diagnostic = Assert.Single(resolution.Diagnostics);
        Assert.Equal("CB0603", diagnostic.Id);
        Assert.Contains("deleting it forces a fresh fetch", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_with_an_empty_cache_says_what_was_skipped()
    {
        var resolution = await ResolveAsync(Reference(_documents.Root, _commit, "moon/*.md"), Options(offline: true));

        var diagnostic = Assert.Single(resolution.Diagnostics);
        Assert.Equal(("CB0609", ContribBot.Core.Diagnostics.Severity.Info), (diagnostic.Id, diagnostic.Severity));
        Assert.Contains("the commit, patterns and files were not checked", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relative_local_path_is_resolved_from_the_taxonomy_root()
    {
        var relative = Path.GetRelativePath(_taxonomy.Path, _documents.Root);

        var resolution = await ResolveAsync(Reference(relative, _commit, "moon/phases.md"));

        Assert.Empty(resolution.Diagnostics);
    }

    /// <summary>A bare document repository whose one commit holds <paramref name="paths"/>, all naming one blob.</summary>
    private (string Root, string Commit) OneBlobUnderManyPaths(string text, IEnumerable<string> paths)
    {
        var root = LibGit2Sharp.Repository.Init(Path.Combine(_taxonomy.Path, "bomb.git"), isBare: true);
        using var repository = new LibGit2Sharp.Repository(root);
        var blob = repository.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));
        var tree = new LibGit2Sharp.TreeDefinition();
        foreach (var path in paths) tree.Add(path, blob, LibGit2Sharp.Mode.NonExecutableFile);
        var author = new LibGit2Sharp.Signature("Docs", "docs@example.com", DateTimeOffset.UnixEpoch);
        var commit = repository.ObjectDatabase.CreateCommit(author, author, "Many paths, one blob", repository.ObjectDatabase.CreateTree(tree), [], false);
        repository.Refs.Add("refs/heads/main", commit.Id);
        return (root, commit.Sha);
    }

    [Fact]
    public async Task Sixty_paths_that_name_one_ten_mebibyte_blob_are_read_as_one_document()
    {
        var text = string.Concat(Enumerable.Repeat("moon ", 2 * 1024 * 1024)); // 10 MiB on one line
        var (root, commit) = OneBlobUnderManyPaths(text, Enumerable.Range(0, 60).Select(i => $"docs/copy{i:00}.md"));
        var resolver = new GitDocumentResolver(Options());

        var resolution = await resolver.ResolveAsync(Reference(root, commit, "docs/*.md"), "/t/qna.yaml", _taxonomy.Path, CancellationToken.None);

        Assert.Empty(resolution.Diagnostics);
        Assert.Equal(60, resolution.Files.Count);
        Assert.Equal(text.Length, Assert.Single(resolution.Texts).Length);
        Assert.Equal(10 * 1024 * 1024, resolver.BytesRead);
    }

    [Fact]
    public async Task A_leaf_that_matches_more_files_than_the_cap_is_told_at_the_pattern_that_crossed_it()
    {
        var (root, commit) = OneBlobUnderManyPaths("# Moon\n", ["a.md", "docs/b.md", "docs/c.md", "docs/d.md"]);

        var resolution = await ResolveAsync(Reference(root, commit, "a.md", "docs/*.md"), Options() with { MaxDocumentFiles = 2 });

        Assert.Equal(["CB0611@6:7"], resolution.Diagnostics.Codes());
        Assert.Equal(["a.md", "docs/b.md"], resolution.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task Documents_past_the_leaf_total_are_not_read()
    {
        var resolution = await ResolveAsync(Reference(_documents.Root, _commit, "moon/phases.md", "moon/tides.md"), Options() with { MaxLeafDocumentBytes = 70 });

        Assert.Equal(["CB0612@6:7"], resolution.Diagnostics.Codes());
        Assert.Equal(["moon/phases.md"], resolution.Files.Select(f => f.Path));
        Assert.Single(resolution.Texts);
    }

    [Fact]
    public async Task A_run_stops_reading_documents_at_its_total_and_says_so_for_the_leaf_it_stopped_at()
    {
        var resolver = new GitDocumentResolver(Options() with { MaxRunDocumentBytes = 100 });
        var reference = Reference(_documents.Root, _commit, "moon/phases.md");

        var first = await resolver.ResolveAsync(reference, "/t/first/qna.yaml", _taxonomy.Path, CancellationToken.None);
        var second = await resolver.ResolveAsync(reference, "/t/second/qna.yaml", _taxonomy.Path, CancellationToken.None);

        Assert.Empty(first.Diagnostics);
        Assert.Equal(["CB0613@5:7"], second.Diagnostics.Codes());
        Assert.Empty(second.Texts);
        Assert.Equal(first.Files[0].Size, resolver.BytesRead);
    }

    [Fact]
    public async Task A_document_repository_with_too_many_files_is_refused_at_the_repo_line()
    {
        var resolution = await ResolveAsync(Reference(_documents.Root, _commit, "moon/*.md"), Options() with { MaxTreeEntries = 3 });

        Assert.Equal(["CB0614@2:9"], resolution.Diagnostics.Codes());
    }

    [Theory]
    [InlineData("moon/[z-a].md", "the range 'z-a' in '[z-a]' runs backwards")]
    [InlineData("moon[/]phases.md", "'[/]' would match '/', which separates folders")]
    [InlineData("moon/\\a.md", "it holds a control character")]
    public async Task An_invalid_pattern_is_a_diagnostic_at_its_line(string pattern, string reason)
    {
        var resolution = await ResolveAsync(Reference(_documents.Root, _commit, "moon/phases.md", pattern));

        var diagnostic = Assert.Single(resolution.Diagnostics);
        Assert.Equal(("CB0615", 6, 7), (diagnostic.Id, diagnostic.Position.Line, diagnostic.Position.Column));
        Assert.EndsWith(reason, diagnostic.Message, StringComparison.Ordinal);
        Assert.Single(resolution.Files);
    }

    [Fact]
    public async Task An_empty_character_class_is_read_as_the_literal_characters_it_is()
    {
        var resolution = await ResolveAsync(Reference(_documents.Root, _commit, "moon/[].md"));

        Assert.Equal(["CB0605@5:7"], resolution.Diagnostics.Codes());
    }

    [Fact]
    public void A_pattern_far_longer_than_any_real_one_is_refused()
    {
        var compiled = DocumentGlob.Compile(string.Concat(Enumerable.Repeat("*a", 600)));

        Assert.Null(compiled.Glob);
        Assert.Equal("it is 1,200 characters long; the limit is 1,000", compiled.Error);
    }

    [Theory]
    [InlineData("*.md", "a.md", true)]
    [InlineData("*.md", "docs/a.md", false)]
    [InlineData("docs/*.md", "docs/a.md", true)]
    [InlineData("docs/**/*.md", "docs/x/y/a.md", true)]
    [InlineData("docs/**/*.md", "docs/a.md", true)]
    [InlineData("doc?.md", "docs.md", true)]
    [InlineData("[ab].md", "c.md", false)]
    [InlineData("[a-c].md", "b.md", true)]
    [InlineData("[!a].md", "b.md", true)]
    [InlineData("[!a].md", "a.md", false)]
    [InlineData("x[!a]y.md", "x/y.md", false)]
    [InlineData("[]a].md", "].md", true)]
    [InlineData("[[].md", "[.md", true)]
    [InlineData("[^].md", "^.md", true)]
    [InlineData("[a-].md", "-.md", true)]
    [InlineData("a[.md", "a[.md", true)]
    [InlineData("(a|b)+.md", "(a|b)+.md", true)]
    [InlineData("(a|b)+.md", "a.md", false)]
    public void Patterns_are_globs_from_the_repository_root(string pattern, string path, bool matches) =>
        Assert.Equal(matches, DocumentGlob.Compile(pattern).Glob!.IsMatch(path));
}
