using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Pipelines;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Core.Quality;
using ContribBot.Core.Reports.Preview;

namespace ContribBot.Core.Runs.Preview;

/// <summary>
/// Previews all leaves at once, each until its budget's kept samples (the teacher below bounds how many calls are in flight). Each
/// leaf's <see cref="LeafRecorder"/> is there from the start, for progress displays, and is read for the result
/// however the run ends: finished, cancelled, or aborted because the teacher became unusable.
/// </summary>
public sealed class PreviewRun
{
    private readonly IReadOnlyList<GenerationInput> _inputs;
    private readonly ITeacher _teacher;
    private readonly ChatUsage _usage;
    private readonly GenerationSettings _settings;
    private readonly PromptLibrary _prompts;

    /// <param name="usage">The run's call totals (the <see cref="ResilientChat"/> under <paramref name="teacher"/> keeps them).</param>
    public PreviewRun(IReadOnlyList<GenerationInput> inputs, ITeacher teacher, ChatUsage usage, GenerationSettings settings, PromptLibrary prompts)
    {
        _inputs = inputs;
        _teacher = teacher;
        _usage = usage;
        _settings = settings;
        _prompts = prompts;
        Recorders = inputs.Select(input => new LeafRecorder(input.Seeds)).ToList();
    }

    /// <summary>
    /// What the build does to a leaf's samples after generation (decontamination, personal data), applied here too so
    /// the report shows the effect before merge; null: nothing.
    /// </summary>
    public Func<IReadOnlyList<Sample>, IReadOnlyList<Sample>>? Filters { get; init; }

    /// <summary>The build's per-leaf gates: a leaf that would fail one says so in its risks.</summary>
    public Configuration.GateSettings Gates { get; init; } = Configuration.GateSettings.None;

    /// <summary>One per input, in input order; live while the run goes on.</summary>
    public IReadOnlyList<LeafRecorder> Recorders { get; }

    public async Task<PreviewResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        var generator = new LeafGenerator(_teacher, _settings, _prompts);
        var budget = GenerationBudget.Preview(_settings);
        var status = PreviewStatus.Complete;
        string? message = null;
        var leaves = _inputs.Select((input, index) => input.Skipped
            ? Task.CompletedTask
            : generator.RunAsync(input, budget, Recorders[index], cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(leaves).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = PreviewStatus.Interrupted;
            message = "interrupted; the report holds the samples made until then";
        }
        catch (TeacherUnavailableException exception)
        {
            status = PreviewStatus.Aborted;
            message = $"the teacher became unusable: {exception.Message}";
        }

        // Task.WhenAll ends only once every leaf has ended, however it ends: no recorder is still being written.
        var previews = _inputs.Select((input, index) => Preview(input, Recorders[index])).ToList();
        return new PreviewResult(previews, status, message,
            _teacher.ModelFor(ChatRole.Teacher), _teacher.ModelFor(ChatRole.Critic), _usage.Snapshot(), _settings);
    }

    private LeafPreview Preview(GenerationInput input, LeafRecorder recorder)
    {
        if (input.Skipped) return new LeafPreview(input.Seeds, input.Chunks.Count, [], null, input.SkipReason);
        var samples = Filters is { } filters ? filters(recorder.Samples) : recorder.Samples;
        var kept = samples.Count(sample => sample.Kept);
        var total = recorder.PromptTokens + recorder.CompletionTokens;
        var usage = new TokenUsage(recorder.Calls, recorder.FailedCalls, recorder.PromptTokens, recorder.CompletionTokens,
            kept == 0 ? null : Math.Round((double)recorder.PromptTokens / kept, 1), kept == 0 ? null : Math.Round((double)total / kept, 1));
        var quality = QualityCalculator.Leaf(input.Seeds, samples, usage, input.Chunks.Count, _settings);
        if (QualityGate.Check(samples, Gates) is { } failure)
        {
            quality = quality with { Risks = [.. quality.Risks, new RiskFlag("gate", $"the dataset build would leave this leaf out: it {failure}")] };
        }

        return new LeafPreview(input.Seeds, input.Chunks.Count, samples, quality, null);
    }
}
