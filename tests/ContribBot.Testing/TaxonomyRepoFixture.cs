using LibGit2Sharp;

namespace ContribBot.Testing;

/// <summary>
/// A real git repository holding a taxonomy, in a temp folder: write files, commit, branch, merge and clone it the way
/// contributors and forks do. Commits have fixed authors and increasing fixed times so runs are repeatable.
/// </summary>
public sealed class TaxonomyRepoFixture : IDisposable
{
    private readonly TempDirectory _directory = new();
    private int _clock;

    public TaxonomyRepoFixture(string? cloneOf = null)
    {
        Root = Path.Combine(_directory.Path, "repo");
        if (cloneOf is null)
        {
            Repository.Init(Root);
            using var repo = new Repository(Root);
            repo.Refs.UpdateTarget("HEAD", "refs/heads/main");
        }
        else
        {
            Repository.Clone(cloneOf, Root);
        }
    }

    public string Root { get; }

    public string WriteLeaf(string taxonomyPath, string yaml, string? attribution = TaxonomyFixture.DefaultAttribution)
    {
        var path = WriteFile($"{taxonomyPath}/qna.yaml", yaml);
        if (attribution is not null) WriteFile($"{taxonomyPath}/attribution.txt", attribution);
        return path;
    }

    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Delete(string relativePath) => File.Delete(Path.Combine(Root, relativePath));

    public void Move(string from, string to)
    {
        var target = Path.Combine(Root, to);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(Path.Combine(Root, from), target);
    }

    /// <summary>Stages everything (additions, changes and deletions) and commits; returns the commit id.</summary>
    public string Commit(string message)
    {
        using var repo = new Repository(Root);
        Commands.Stage(repo, "*");
        var signature = NextSignature();
        return repo.Commit(message, signature, signature).Sha;
    }

    public void Branch(string name)
    {
        using var repo = new Repository(Root);
        Commands.Checkout(repo, repo.CreateBranch(name));
    }

    public void Checkout(string name)
    {
        using var repo = new Repository(Root);
        Commands.Checkout(repo, repo.Branches[name]);
    }

    /// <summary>The id git itself gives the file at a commit.</summary>
    public string BlobIdAt(string commit, string path)
    {
        using var repo = new Repository(Root);
        return repo.Lookup<Commit>(commit)[path].Target.Sha;
    }

    /// <summary>Merges a branch into the current one with a merge commit.</summary>
    public string Merge(string branch)
    {
        using var repo = new Repository(Root);
        var result = repo.Merge(repo.Branches[branch], NextSignature(), new MergeOptions { FastForwardStrategy = FastForwardStrategy.NoFastForward });
        return result.Commit.Sha;
    }

    /// <summary>Fetches a branch of another repository (a fork) as remote branch <c>NAME/BRANCH</c>.</summary>
    public void FetchFrom(string name, string url)
    {
        using var repo = new Repository(Root);
        var remote = repo.Network.Remotes[name] ?? repo.Network.Remotes.Add(name, url);
        Commands.Fetch(repo, remote.Name, remote.FetchRefSpecs.Select(spec => spec.Specification), null, null);
    }

    /// <summary>Marks the repository as a shallow clone whose history stops at <paramref name="commit"/>, as git does.</summary>
    public void MakeShallowAt(string commit) => File.WriteAllText(Path.Combine(Root, ".git", "shallow"), commit + "\n");

    /// <summary>
    /// Sets the time of the next commits, in minutes from the fixture's epoch; later commits may be dated before earlier
    /// ones, as commits made on machines with skewed clocks, or rebased and cherry-picked ones, often are.
    /// </summary>
    public void SetClock(int minutes) => _clock = minutes;

    public void Dispose() => _directory.Dispose();

    private Signature NextSignature() =>
        new("Contributor", "contributor@example.com", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(_clock++));
}
