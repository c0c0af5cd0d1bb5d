using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Taxonomy;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Reports.Preview;

/// <summary>
/// The report published for a pull request whose report folder came from the pull request's own workflow run, which a
/// fork controls whole. The verdict (every diagnostic, the error count, so the check run's conclusion and annotations)
/// is the one we computed from git objects; the folder only adds preview samples and plans, for leaves our check
/// covered, a bounded number per leaf, labelled in the comment as the pull request run's.
/// </summary>
public static class VerifiedReport
{
    /// <summary>Samples taken per leaf from the run's report (the comment shows a few; the rest are in its artifact).</summary>
    public const int MaxSamplesPerLeaf = 50;

    /// <param name="verdict">Our own check of the pull request's commit.</param>
    /// <param name="fromPullRequestRun">The report read back from the pull request run's folder: untrusted.</param>
    public static PublishedReport Combine(ValidationReport verdict, PublishedReport fromPullRequestRun)
    {
        var checkedLeaves = verdict.Files.Where(file => file.File.Role == TaxonomyFileRole.Leaf)
            .Select(file => file.File.TaxonomyPath.Value).ToHashSet(StringComparer.Ordinal);
        var preview = fromPullRequestRun.Preview is { } run ? Bounded(run with { Leaves = Checked(run.Leaves, leaf => leaf.Path, checkedLeaves).ToList() }) : null;
        var plan = fromPullRequestRun.Plan is { } planned
            ? planned with { Leaves = Checked(planned.Leaves, leaf => leaf.Path, checkedLeaves).ToList() }
            : null;
        return PublishedReport.Of(verdict, preview, plan) with { PreviewFromPullRequestRun = preview is not null || plan is not null };
    }

    /// <summary>
    /// The preview with at most <see cref="MaxSamplesPerLeaf"/> samples per leaf: what every published comment shows,
    /// so that sample ids (numbered over the leaves in order) name the same samples wherever the report was made.
    /// </summary>
    public static PreviewResult Bounded(PreviewResult preview) => preview with
    {
        Leaves = preview.Leaves.Select(leaf => leaf.Samples.Count <= MaxSamplesPerLeaf ? leaf : leaf with { Samples = leaf.Samples.Take(MaxSamplesPerLeaf).ToList() }).ToList(),
    };

    /// <summary>Each leaf we checked at most once, in the run's order; leaves we did not check are not shown at all.</summary>
    private static IEnumerable<T> Checked<T>(IEnumerable<T> leaves, Func<T, string> path, HashSet<string> checkedLeaves)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return leaves.Where(leaf => checkedLeaves.Contains(path(leaf)) && seen.Add(path(leaf)));
    }
}
