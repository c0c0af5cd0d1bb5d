using ContribBot.Core.Configuration;
using ContribBot.Core.Generation;
using ContribBot.Core.Quality;

namespace ContribBot.Core.Tests.Quality;

public sealed class QualityGateTests
{
    private static Sample One(string question, bool kept = true, string? reason = null) =>
        new(question, "An answer of a few words.", kept, reason) { Provenance = new SampleProvenance("skills/x", "b", null, 0, null, "t", "c", []) };

    [Fact]
    public void Every_gate_a_leaf_fails_is_named_with_its_figure_and_a_leaf_within_them_passes()
    {
        Sample[] samples =
        [
            One("How do bees find flowers?"),
            One("Copy of the seed?", kept: false, reason: DropReasons.CopiedSeed),
            One("Nearly the seed?", kept: false, reason: DropReasons.NearSeed),
            One("Bad?", kept: false, reason: DropReasons.LowScore("answer_quality")),
        ];

        var failed = QualityGate.Check(samples, new GateSettings { MinPassRate = 0.5, MaxSeedCopyShare = 0.25 });
        var passed = QualityGate.Check(samples, new GateSettings { MinPassRate = 0.25, MaxSeedCopyShare = 0.5, MinDistinct2 = 0.5 });

        Assert.Equal("failed the quality gates: pass rate 0.25 < 0.50; seed copies 0.50 > 0.25", failed);
        Assert.Null(passed);
        Assert.Null(QualityGate.Check(samples, GateSettings.None));
    }
}
