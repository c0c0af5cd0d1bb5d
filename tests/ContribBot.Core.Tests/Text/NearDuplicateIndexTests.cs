using ContribBot.Core.Text.NearDuplicates;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Text;

/// <summary>MinHash with LSH bands against the exact answer: which texts are near-duplicates of an earlier kept one.</summary>
public sealed class NearDuplicateIndexTests
{
    [Fact]
    public void The_common_9_by_13_shape_finds_only_four_in_ten_pairs_at_0_8_and_the_chosen_shape_nearly_all()
    {
        var common = new LshBands(9, 13);
        var chosen = LshBands.For(0.8, 128);

        Assert.InRange(common.CandidateProbability(0.8), 0.39, 0.41);
        Assert.True(chosen.CandidateProbability(0.8) >= LshBands.Target, $"{chosen}: {chosen.CandidateProbability(0.8)}");
        Assert.True(chosen.Hashes <= 128);
        Assert.True(chosen.CandidateProbability(0.3) < 0.05, $"{chosen} makes most unrelated pairs candidates");
    }

    [Fact]
    public void Shingles_ignore_case_and_punctuation_and_jaccard_counts_shared_word_runs()
    {
        var a = Shingles.Of("The Moon shows phases because we see its sunlit half from changing angles.");
        var b = Shingles.Of("the moon shows phases, because we see its sunlit half from changing angles!");
        var c = Shingles.Of("The Moon shows phases because we see its sunlit side from changing angles.");

        Assert.Equal(a, b);
        Assert.Equal(1.0, Shingles.Jaccard(a, b));
        Assert.InRange(Shingles.Jaccard(a, c), 0.2, 0.7); // one word changed breaks the five shingles over it
        Assert.Single(Shingles.Of("Two words"));
        Assert.Empty(Shingles.Of("  ... !"));
    }

    [Fact]
    public void On_ten_thousand_rows_the_index_agrees_with_the_exact_answer_with_recall_and_precision_at_least_0_95()
    {
        const double threshold = 0.8;
        var rows = new NearDuplicateCorpus(20261207).Take(10_000);
        var shingles = rows.Select(row => Shingles.Of(row)).ToList();
        var index = new NearDuplicateIndex(threshold, new MinHash());

        var found = new HashSet<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (index.Admit(shingles[i], index.Hasher.Signature(shingles[i])) is not null) found.Add(i);
        }

        var truth = NearDuplicateCorpus.ExactDuplicates(shingles, threshold);
        var hits = found.Count(truth.Contains);
        var recall = hits / (double)truth.Count;
        var precision = hits / (double)found.Count;
        Assert.True(truth.Count > 1_000, $"the corpus has only {truth.Count} near-duplicates");
        Assert.True(recall >= 0.95, $"recall {recall:0.000} ({hits} of {truth.Count})");
        Assert.True(precision >= 0.95, $"precision {precision:0.000} ({hits} of {found.Count})");
        // The bands keep the exact checks to a small multiple of the rows, not all pairs.
        Assert.True(index.Comparisons < rows.Count * 5L, $"{index.Comparisons} comparisons");
    }
}
