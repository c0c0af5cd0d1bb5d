using ContribBot.Core.Generation;
using ContribBot.Core.Text;

namespace ContribBot.Core.Quality.Review;

/// <summary>
/// Drops generated samples like the ones maintainers rejected: a kept sample of the same leaf and seed whose question
/// and answer are near a rejected sample's (ROUGE-L at or above <see cref="Threshold"/>) is dropped with reason
/// <see cref="DropReasons.HumanRejected"/>. A rejection teaches the build what the critic missed; the same seed is
/// where the same mistake comes back.
/// </summary>
public sealed class HumanRejections
{
    public const double DefaultThreshold = 0.7;

    private readonly Dictionary<(string Leaf, int Seed), List<string[]>> _rejected;

    public HumanRejections(IEnumerable<ReviewedSample> reviews, double threshold = DefaultThreshold)
    {
        Threshold = threshold;
        _rejected = ReviewsFile.Latest(reviews).Where(review => !review.Good)
            .GroupBy(review => (review.Leaf, review.Seed))
            .ToDictionary(group => group.Key, group => group.Select(review => RougeL.Tokens(review.Text)).ToList());
    }

    public double Threshold { get; }

    public int Count => _rejected.Values.Sum(list => list.Count);

    /// <summary>The samples with those like a rejected one dropped; the same list when none is.</summary>
    public IReadOnlyList<Sample> Apply(IReadOnlyList<Sample> samples)
    {
        if (_rejected.Count == 0) return samples;
        var changed = false;
        var result = new Sample[samples.Count];
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            result[i] = sample;
            if (!sample.Kept || !_rejected.TryGetValue((sample.Provenance.Leaf, sample.Provenance.Seed), out var rejected)) continue;
            var tokens = RougeL.Tokens(ReviewedSample.Cut(sample.Question) + "\n" + ReviewedSample.Cut(sample.Answer));
            if (!rejected.Any(other => RougeL.Score(tokens, other) >= Threshold)) continue;
            result[i] = sample with { Kept = false, DropReason = DropReasons.HumanRejected };
            changed = true;
        }

        return changed ? result : samples;
    }
}
