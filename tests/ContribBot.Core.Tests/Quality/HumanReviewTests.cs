using ContribBot.Core.Generation;
using ContribBot.Core.Quality.Review;

namespace ContribBot.Core.Tests.Quality;

/// <summary>Verdicts carried to the build: which rows a rejection drops, which verdict counts, and the file they travel in.</summary>
public sealed class HumanReviewTests
{
    private const string Leaf = "compositional_skills/writing/haiku";
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static Sample Generated(string question, string answer, int seed = 0, string leaf = Leaf, bool kept = true) =>
        new(question, answer, kept, kept ? null : DropReasons.NearSeed) { Provenance = new SampleProvenance(leaf, "blob", null, seed, null, "t", "c", []) };

    private static ReviewedSample Verdict(string question, string answer, bool good, int seed = 0, string id = "s1", int minutes = 0) =>
        new(Leaf, seed, question, answer, CriticKept: true, good, "maintainer", Monday.AddMinutes(minutes)) { PullRequest = "o/t#1", SampleId = id };

    [Fact]
    public void A_rejection_drops_kept_samples_of_its_leaf_and_seed_that_are_near_it_in_wording_and_nothing_else()
    {
        var rejections = new HumanRejections([Verdict("Write a haiku about the autumn moon.", "Pale moon over hills, leaves fall in the quiet night, the old pond is still", good: false)]);
        Sample[] samples =
        [
            Generated("Write a haiku about the autumn moon.", "Pale moon over the hills, leaves fall in quiet night, the old pond is still"),
            Generated("Write a haiku about the autumn moon.", "Pale moon over the hills, leaves fall in quiet night, the old pond is still", seed: 1),
            Generated("Write a haiku about the autumn moon.", "Pale moon over the hills, leaves fall in quiet night, the old pond is still", leaf: "compositional_skills/other"),
            Generated("Write a haiku about spring rain.", "Soft rain on the roof, green shoots lift the garden soil, a frog sings at dusk"),
            Generated("Write a haiku about the autumn moon.", "Pale moon over hills, leaves fall in the quiet night, the old pond is still", kept: false),
        ];

        var reviewed = rejections.Apply(samples);

        Assert.Equal([DropReasons.HumanRejected, null, null, null, DropReasons.NearSeed], reviewed.Select(sample => sample.DropReason));
        Assert.Equal([false, true, true, true, false], reviewed.Select(sample => sample.Kept));
    }

    [Fact]
    public void A_later_verdict_on_the_same_sample_replaces_the_earlier_one()
    {
        var changedMind = new HumanRejections(
        [
            Verdict("Write a haiku about snow.", "White snow on the field", good: false, minutes: 0),
            Verdict("Write a haiku about snow.", "White snow on the field", good: true, minutes: 5),
        ]);
        Sample[] samples = [Generated("Write a haiku about snow.", "White snow on the field")];

        Assert.Same(samples, changedMind.Apply(samples));
        Assert.Equal(0, changedMind.Count);
    }

    [Fact]
    public void The_summary_counts_verdicts_reviewers_and_critic_agreement()
    {
        ReviewedSample[] reviews =
        [
            Verdict("q1", "a1", good: true, id: "s1"),
            Verdict("q2", "a2", good: false, id: "s2") with { Reviewer = "other" },
            Verdict("q3", "a3", good: false, id: "s3") with { CriticKept = false },
            Verdict("q4", "a4", good: true, id: "s4") with { PullRequest = "o/t#2" },
        ];

        var summary = ReviewSummary.Of(reviews, 0.7);

        Assert.Equal((4, 2, 2, 2, 2), (summary.Reviewed, summary.Good, summary.Bad, summary.Reviewers, summary.PullRequests));
        Assert.Equal(0.75, summary.CriticAgreement); // the critic kept s2, which a maintainer rejected
        Assert.Equal(0.5, summary.Kappa);
    }

    [Fact]
    public async Task A_reviews_file_round_trips_and_a_bad_line_is_named()
    {
        var reviews = new[] { Verdict("Write a haiku | with a pipe", "An <b>answer</b>", good: false) with { Reason = "four lines" } };
        var text = string.Join('\n', reviews.Select(ReviewsFile.ToLine)) + "\n\n";

        var read = await ReviewsFile.ReadAsync(new StringReader(text), "reviews.jsonl", CancellationToken.None);
        var missing = await Assert.ThrowsAsync<InvalidDataException>(() => ReviewsFile.ReadAsync(new StringReader(text + "{\"leaf\":\"x\"}\n"), "reviews.jsonl", CancellationToken.None));
        var broken = await Assert.ThrowsAsync<InvalidDataException>(() => ReviewsFile.ReadAsync(new StringReader("{nope\n"), "reviews.jsonl", CancellationToken.None));
        var long_ = await Assert.ThrowsAsync<InvalidDataException>(() => ReviewsFile.ReadAsync(new StringReader(new string('x', ReviewsFile.MaxLineLength + 1)), "r", CancellationToken.None));

        Assert.Equal(reviews, read);
        Assert.StartsWith("reviews.jsonl:3: not a review", missing.Message, StringComparison.Ordinal);
        Assert.StartsWith("reviews.jsonl:1: ", broken.Message, StringComparison.Ordinal);
        Assert.Contains("longer than", long_.Message, StringComparison.Ordinal);
    }
}
