using ContribBot.Core.Configuration;
using ContribBot.Core.Generation.Methods;
using ContribBot.Core.Runs.Build;
using ContribBot.Core.Runs.Settings;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Runs;

/// <summary>The settings of the generation methods, the mix and the lineage, as the settings file gives them; and the pure parts they use.</summary>
public sealed class MethodSettingsTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Every_method_is_off_unless_the_settings_file_turns_it_on()
    {
        var settings = Resolve(string.Empty);

        Assert.Null(settings.Generation.Evolve);
        Assert.Null(settings.Generation.Revise);
        Assert.Empty(settings.Generation.Voices);
        Assert.Equal(1, settings.Generation.MaxDepth);
        Assert.Empty(settings.Config.Mix);
        Assert.Null(settings.Config.Gates.MaxSyntheticShare);
    }

    [Fact]
    public void The_methods_the_mix_and_the_lineage_are_read_with_their_defaults()
    {
        var settings = Resolve(
            "evolve:\n  depth: 2\n  per_seed: 3\nrevise: true\nlineage:\n  max_depth: 2\n" +
            "represent:\n  - { style: textbook section, audience: college students }\n  - { style: story, audience: young children }\n" +
            "mix:\n  - { path: data/previous.jsonl, rows: 500, synthetic: true }\n  - { path: data/general.jsonl, ratio: 0.5, phase: knowledge, seed: 7 }\n" +
            "gates:\n  max_synthetic_share: 0.8\n");

        Assert.Equal(new EvolutionSettings(2, Breadth: true, PerSeed: 3), settings.Generation.Evolve);
        Assert.Equal(new RevisionSettings(1), settings.Generation.Revise);
        Assert.Equal(2, settings.Generation.MaxDepth);
        Assert.Equal(["textbook section for college students", "story for young children"], settings.Generation.Voices.Select(voice => voice.Name));
        Assert.Equal(
            [new MixSource("data/previous.jsonl", 500, null, "skills", true, 0), new MixSource("data/general.jsonl", null, 0.5, "knowledge", null, 7)],
            settings.Config.Mix);
        Assert.Equal(0.8, settings.Config.Gates.MaxSyntheticShare);
    }

    [Theory]
    [InlineData("evolve:\n  depth: 4\n", "2:10: expected a whole number from 1 to 3")]
    [InlineData("evolve:\n  width: 2\n", "2:3: unknown setting 'evolve.width'")]
    [InlineData("revise: sometimes\n", "1:9: revise is true, false, or a mapping")]
    [InlineData("lineage:\n  max_depth: 9\n", "2:14: expected a whole number from 1 to 3")]
    [InlineData("represent:\n  - { style: story }\n", "2:5: represent is a list of { style: ..., audience: ... }")]
    [InlineData("mix:\n  - { path: ../outside.jsonl, rows: 5 }\n", "2:13: a mix path is a JSON Lines file inside the taxonomy")]
    [InlineData("mix:\n  - { path: a.jsonl, rows: 5, ratio: 0.5 }\n", "2:5: a mix entry gives either rows")]
    [InlineData("mix:\n  - { path: a.jsonl, rows: 5, phase: pretraining }\n", "2:38: a mix entry's phase is knowledge or skills")]
    [InlineData("gates:\n  max_synthetic_share: 2\n", "2:24: expected a number from 0 to 1")]
    public void A_bad_method_setting_names_its_line_and_column_and_what_is_allowed(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Resolve(yaml)).Message;

        Assert.Contains("contribbot.yml:" + expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Turning_a_method_on_changes_the_recipe_and_leaving_them_off_keeps_the_recipe_of_before()
    {
        var plain = Recipe(Core.Generation.GenerationSettings.Default);
        var evolved = Recipe(Core.Generation.GenerationSettings.Default with { Evolve = new EvolutionSettings(1, true, 2) });
        var revised = Recipe(Core.Generation.GenerationSettings.Default with { Revise = new RevisionSettings(1) });

        Assert.Equal(3, new[] { plain, evolved, revised }.Distinct().Count());
        // The prompts of a method count only when it is on: a build without methods keeps its cache.
        Assert.Equal(7, Core.Generation.Prompts.PromptLibrary.Default.UsedBy(Core.Generation.GenerationSettings.Default).Count());
    }

    [Theory]
    [InlineData("I am sorry, but I cannot help with that.", EvolutionChecks.Apology)]
    [InlineData("Sorry.", EvolutionChecks.Apology)]
    [InlineData("It is what it is, and so it was.", EvolutionChecks.Empty)]
    [InlineData("... !!! ???", EvolutionChecks.Empty)]
    [InlineData("Boil the water for four minutes, then cool the eggs in ice water.", null)]
    public void An_evolved_questions_answer_fails_when_it_is_a_short_apology_or_only_stop_words(string answer, string? expected)
    {
        Assert.Equal(expected, EvolutionChecks.CheckAnswer(answer));
    }

    [Fact]
    public void A_long_answer_that_says_sorry_once_is_an_answer_and_a_question_copying_the_prompt_is_not()
    {
        var longAnswer = "Sorry for the wait. " + string.Join(' ', Enumerable.Repeat("Heat the pan, add the oil, and stir the onions until golden.", 8));

        Assert.Null(EvolutionChecks.CheckAnswer(longAnswer));
        Assert.Equal(EvolutionChecks.CopiedPrompt, EvolutionChecks.CheckQuestion("#Rewritten Prompt#: list three rivers"));
        Assert.Equal(EvolutionChecks.CopiedPrompt, EvolutionChecks.CheckQuestion("Answer the given request in more depth"));
        Assert.Null(EvolutionChecks.CheckQuestion("List three rivers of Peru and the oceans they reach."));
    }

    [Fact]
    public void A_mix_sample_is_the_same_for_the_same_seed_differs_for_another_and_takes_all_when_asked_for_more()
    {
        var lines = Enumerable.Range(1, 1000).ToList();

        var first = ReplayMix.Choose(lines, 100, 7);
        var again = ReplayMix.Choose(lines, 100, 7);
        var other = ReplayMix.Choose(lines, 100, 8);

        Assert.Equal(100, first.Count);
        Assert.Equal(first.Order(), again.Order());
        Assert.NotEqual(first.Order(), other.Order());
        Assert.All(first, line => Assert.InRange(line, 1, 1000));
        Assert.Equal(1000, ReplayMix.Choose(lines, 5000, 7).Count);
    }

    private static string Recipe(Core.Generation.GenerationSettings settings) =>
        new BuildRecipe(settings, "t", "c", "system", Core.Generation.Prompts.PromptLibrary.Default).Hash;

    private ResolvedRunSettings Resolve(string yaml)
    {
        Directory.CreateDirectory(_root.Combine(".github"));
        File.WriteAllText(_root.Combine(ContribBotConfig.DefaultRelativePath), yaml);
        return new RunSettingsResolver(_ => null).Resolve(new BuildSettings(_root.Path, _root.Combine("out")));
    }
}
