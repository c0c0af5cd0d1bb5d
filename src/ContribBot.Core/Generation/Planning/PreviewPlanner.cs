using ContribBot.Core.Generation.Pipelines;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Core.Taxonomy;
using ContribBot.Core.Text;

namespace ContribBot.Core.Generation.Planning;

/// <summary>
/// Works out the dry-run plan: renders each prompt a leaf would send (with its first seed, and first chunk for
/// knowledge), counts its tokens exactly, and multiplies by the calls of the units (<see cref="WorkPlan"/>) a preview
/// and a full build take, assuming every sample is kept (a real run also pays for the dropped ones, and for the
/// revisions of near misses, which this cannot foresee). Evol-Instruct's and re-representation's calls are counted
/// when they are on. Completion tokens are estimated from the seeds' lengths.
/// </summary>
public static class PreviewPlanner
{
    /// <summary>Tokens a critic's JSON verdict takes (scores and one sentence).</summary>
    private const int CriticReplyTokens = 40;

    public static PreviewPlan Plan(IReadOnlyList<GenerationInput> inputs, GenerationSettings settings, PromptLibrary prompts) =>
        new(inputs.Select(input => PlanLeaf(input, settings, prompts)).ToList(), settings);

    private static LeafPlan PlanLeaf(GenerationInput input, GenerationSettings settings, PromptLibrary prompts)
    {
        var seeds = input.Seeds;
        if (input.Skipped && !input.OverPreviewLimit) return new LeafPlan(seeds.Path, seeds.Kind, seeds.Examples.Count, input.Chunks.Count, input.SkipReason, [], 0);
        // The units a run would take: the preview's (assuming every draft is kept; none over the preview's leaf limit)
        // and the full build's.
        var work = WorkPlan.For(input, settings);
        var preview = input.OverPreviewLimit ? 0 : checked((int)GenerationBudget.Preview(settings).UnitsIfAllKept(work));
        var full = work.BuildUnitCount;
        var perUnit = work.SamplesPerUnit;
        var first = seeds.Examples[0];
        var pair = first.Pairs[0];
        var calls = new List<PlannedCall>();
        switch (seeds.Kind)
        {
            case LeafKind.Knowledge:
            {
                var pairTokens = TeacherTokenizer.Count(pair.Question) + TeacherTokenizer.Count(pair.Answer);
                calls.Add(Call(prompts.KnowledgePairs, ChatRole.Teacher, PromptValues.KnowledgePairs(seeds, input.Chunks[0], first, perUnit),
                    perUnit * (pairTokens + 8), preview, full, settings));
                calls.Add(Call(prompts.KnowledgeCritic, ChatRole.Critic, PromptValues.KnowledgeCritic(input.Chunks[0], pair.Question, pair.Answer),
                    CriticReplyTokens, preview * perUnit, full * perUnit, settings));
                AddVoices(calls, seeds, input.Chunks, preview, settings, prompts);
                break;
            }

            case LeafKind.GroundedSkill:
            {
                var context = first.Context ?? string.Empty;
                // A generated context is about as long as the seed's, so the seed's stands in for it.
                calls.Add(Call(prompts.GroundedContext, ChatRole.Teacher, PromptValues.GroundedContext(seeds, first),
                    TeacherTokenizer.Count(context) + 8, preview, full, settings));
                calls.Add(Call(prompts.GroundedQuestions, ChatRole.Teacher, PromptValues.GroundedQuestions(seeds, context, pair, perUnit),
                    perUnit * (TeacherTokenizer.Count(pair.Question) + 4), preview, full, settings));
                AddAnswerAndCritic(calls, seeds, pair, context, preview * perUnit, full * perUnit, settings, prompts);
                AddEvolution(calls, seeds, pair, context, work, preview, settings, prompts);
                break;
            }

            default:
            {
                calls.Add(Call(prompts.FreeformQuestions, ChatRole.Teacher, PromptValues.FreeformQuestions(seeds, pair, perUnit),
                    perUnit * (TeacherTokenizer.Count(pair.Question) + 4), preview, full, settings));
                AddAnswerAndCritic(calls, seeds, pair, null, preview * perUnit, full * perUnit, settings, prompts);
                AddEvolution(calls, seeds, pair, null, work, preview, settings, prompts);
                break;
            }
        }

        var plan = new LeafPlan(seeds.Path, seeds.Kind, seeds.Examples.Count, input.Chunks.Count, input.SkipReason, calls, checked((int)work.BuildSamples));
        return plan with { FullBuildCost = settings.CostOf(plan.FullBuildPromptTokens, plan.FullBuildCompletionTokens) };
    }

    private static void AddAnswerAndCritic(
        List<PlannedCall> calls, LeafSeeds seeds, SeedPair pair, string? context, int preview, long full, GenerationSettings settings, PromptLibrary prompts)
    {
        calls.Add(Call(prompts.Answer, ChatRole.Teacher, PromptValues.Answer(seeds, pair, context, pair.Question),
            TeacherTokenizer.Count(pair.Answer) + 8, preview, full, settings));
        calls.Add(Call(prompts.SkillCritic, ChatRole.Critic, PromptValues.SkillCritic(seeds, context, pair.Question, pair.Answer),
            CriticReplyTokens, preview, full, settings));
    }

    /// <summary>
    /// Evol-Instruct's calls: per chain, each allowed in-depth step (and the in-breadth question) is written, compared
    /// with its parent, answered and judged. Chains come from the units of the first draws; a preview's units are those.
    /// </summary>
    private static void AddEvolution(
        List<PlannedCall> calls, LeafSeeds seeds, SeedPair pair, string? context, WorkPlan work, int previewUnits, GenerationSettings settings, PromptLibrary prompts)
    {
        if (settings.Evolve is not { } evolve) return;
        var steps = Math.Min(evolve.Depth, settings.MaxDepth);
        var fullChains = (long)work.Places * Math.Min(work.BuildDraws, evolve.PerSeed);
        var previewChains = previewUnits;
        var questionTokens = TeacherTokenizer.Count(pair.Question) + 24; // an evolved question adds a demand or two
        calls.Add(Call(prompts.EvolveDepth, ChatRole.Teacher, PromptValues.Evolve(seeds, pair.Question, "Add one more constraint or requirement to it."),
            questionTokens, previewChains * steps, fullChains * steps, settings));
        var evolved = steps + (evolve.Breadth ? 1 : 0);
        if (evolve.Breadth)
        {
            calls.Add(Call(prompts.EvolveBreadth, ChatRole.Teacher, PromptValues.EvolveBreadth(seeds, pair.Question), questionTokens, previewChains, fullChains, settings));
        }

        calls.Add(Call(prompts.EvolveEqual, ChatRole.Critic, PromptValues.EvolveEqual(pair.Question, pair.Question), CriticReplyTokens,
            previewChains * evolved, fullChains * evolved, settings));
        AddAnswerAndCritic(calls, seeds, pair, context, previewChains * evolved, fullChains * evolved, settings, prompts);
    }

    /// <summary>Re-representation's calls: every chunk in every voice once, each text judged; a preview's units (first pass) take the first voices.</summary>
    private static void AddVoices(
        List<PlannedCall> calls, LeafSeeds seeds, IReadOnlyList<string> chunks, int previewUnits, GenerationSettings settings, PromptLibrary prompts)
    {
        if (settings.Voices.Count == 0) return;
        var voice = settings.Voices[0];
        var full = (long)chunks.Count * settings.Voices.Count;
        var preview = Math.Min(previewUnits, chunks.Count) * ((settings.Voices.Count + seeds.Examples.Count - 1) / seeds.Examples.Count);
        calls.Add(Call(prompts.KnowledgeVoice, ChatRole.Teacher, PromptValues.KnowledgeVoice(seeds, chunks[0], voice), TeacherTokenizer.Count(chunks[0]) + 40,
            preview, full, settings));
        calls.Add(Call(prompts.KnowledgeCritic, ChatRole.Critic, PromptValues.KnowledgeCritic(chunks[0], voice.Name, chunks[0]), CriticReplyTokens, preview, full, settings));
    }

    private static PlannedCall Call(
        PromptTemplate prompt, ChatRole role, Dictionary<string, string> values, int completionTokens, int preview, long full, GenerationSettings settings)
    {
        var request = prompt.Render(role, values, settings.GenerationTemperature, settings.MaxTokensPerCall);
        var rendered = $"{request.System}\n\n{request.User}";
        // Chat framing adds a few tokens per message on top of the text.
        return new PlannedCall(prompt.Id, rendered, TeacherTokenizer.Count(request.System) + TeacherTokenizer.Count(request.User) + 8, completionTokens, preview, full);
    }

}
