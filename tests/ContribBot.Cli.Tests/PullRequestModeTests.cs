using ContribBot.Testing;

namespace ContribBot.Cli.Tests;

public sealed class PullRequestModeTests : IDisposable
{
    private readonly TaxonomyRepoFixture _repo = new();

    public PullRequestModeTests()
    {
        _repo.WriteLeaf("compositional_skills/math/addition", SampleLeaves.FreeformSkill);
        _repo.WriteLeaf("compositional_skills/math/broken_before", SampleLeaves.FreeformSkill.Replace("answer: \"4\"", "answer: yes"));
        _repo.Commit("Initial taxonomy");
        _repo.Branch("pr");
    }

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task Base_and_head_check_only_the_changed_leaves()
    {
        _repo.WriteLeaf("compositional_skills/math/new_leaf", SampleLeaves.FreeformSkill.TrimEnd('\n'));
        _repo.Commit("Add a leaf");

        var run = await CliRun.RunAsync("validate", _repo.Root, "--base", "main", "--head", "pr");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("new_leaf/qna.yaml(14,16): error CB0303", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("broken_before", run.Stdout, StringComparison.Ordinal); // unchanged, so not checked
        Assert.Contains("Checking changes between 'main' (merge base ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_changed_leaves_pass()
    {
        var run = await CliRun.RunAsync("validate", _repo.Root, "--base", "main");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0 file(s) checked (0 leaves)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_ref_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("validate", _repo.Root, "--base", "nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown git ref 'nope'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_request_mode_takes_one_folder()
    {
        var run = await CliRun.RunAsync("validate", _repo.Root, _repo.Root, "--base", "main");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("takes one taxonomy folder", run.Stderr, StringComparison.Ordinal);
    }
}
