namespace ContribBot.Testing;

/// <summary>Histories of pull requests as real ones look, built on a <see cref="TaxonomyRepoFixture"/> on branch <c>pr</c>.</summary>
public static class PullRequestHistories
{
    /// <summary>
    /// Two commits that each add a similar freeform leaf (multiplication, then division), then a merge of main (which
    /// gained a leaf of its own meanwhile) dated before both: clocks skew, and rebased or GitHub-made commits carry
    /// dates out of order. Returns the two commits.
    /// </summary>
    public static (string First, string Second) SimilarLeavesThenSkewedMerge(TaxonomyRepoFixture repo)
    {
        repo.SetClock(1_000);
        repo.WriteLeaf("compositional_skills/math/multiplication", SampleLeaves.FreeformSkill.Replace("octocat", "hubot", StringComparison.Ordinal));
        var first = repo.Commit("Add multiplication");
        repo.WriteLeaf("compositional_skills/math/division", SampleLeaves.FreeformSkill.Replace("octocat", "monalisa", StringComparison.Ordinal));
        var second = repo.Commit("Add a similar leaf: division");
        repo.Checkout("main");
        repo.WriteLeaf("compositional_skills/math/base_only", SampleLeaves.FreeformSkill.Replace("octocat", "base", StringComparison.Ordinal));
        repo.Commit("Meanwhile on main");
        repo.Checkout("pr");
        repo.SetClock(5);
        repo.Merge("main");
        return (first, second);
    }
}
