using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Core.Reports;
using ContribBot.Core.Reports.Preview;
using ContribBot.Core.Runs.Checking;
using ContribBot.Core.Runs.Settings;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Runs.Preview;

/// <summary>
/// The use case "preview a taxonomy": check it (whole tree or pull request), make generation inputs of the leaves
/// without errors (documents resolved and chunked), keep to the leaf limit, then either plan (no teacher: a dry run)
/// or generate until each leaf has its kept samples. Returns the report files; front doors only print and write them.
/// </summary>
public sealed class PreviewSession : IDisposable
{
    private readonly ResilientChat? _chat;

    private PreviewSession(
        PreviewSettings given, ResolvedRunSettings settings, CheckedTaxonomy checkedTaxonomy, IReadOnlyList<GenerationInput> inputs,
        Func<IReadOnlyList<Sample>, IReadOnlyList<Sample>>? filters)
    {
        Settings = settings;
        Checked = checkedTaxonomy;
        Inputs = inputs;
        // The report files are for publishing: paths from the repository root (outside git, the taxonomy root),
        // whatever the current directory.
        Context = ReportContext.ForMachines(checkedTaxonomy.Report, Path.GetFullPath(given.Path), settings.CatalogUrl);
        if (settings.Teacher is { } teacher)
        {
            _chat = new ResilientChat(new SemanticKernelChatBackend(teacher), teacher);
            Run = new PreviewRun(inputs, _chat, _chat.Usage, settings.Generation, PromptLibrary.Default) { Filters = filters, Gates = settings.Config.Gates };
        }
    }

    public ResolvedRunSettings Settings { get; }

    public CheckedTaxonomy Checked { get; }

    public ValidationReport Validation => Checked.Report;

    /// <summary>One per checked leaf, in report order; skipped ones say why.</summary>
    public IReadOnlyList<GenerationInput> Inputs { get; }

    public ReportContext Context { get; }

    /// <summary>The generation run, with a live recorder per leaf; null for a dry run.</summary>
    public PreviewRun? Run { get; }

    /// <exception cref="InputPathException">The path is not a folder.</exception>
    /// <exception cref="Configuration.ConfigException">The settings are unusable.</exception>
    public static async Task<PreviewSession> StartAsync(
        PreviewSettings given, Func<string, string?> environment, IProgress<ValidationProgress>? progress, CancellationToken cancellationToken)
    {
        var settings = new RunSettingsResolver(environment).Resolve(given);
        var check = new CheckSettings([given.Path])
        {
            Strict = given.Strict,
            Base = given.Base,
            Head = given.Head,
            AllowLocalRepos = given.AllowLocalRepos,
            Offline = given.Offline,
            RequireDocuments = given.RequireDocuments,
            DocumentMirrors = given.DocumentMirrors,
            DocumentCacheDirectory = settings.DocumentCacheDirectory,
            DocumentHosts = settings.Config.DocumentHosts,
            ConfigFile = given.ConfigFile,
            Validate = settings.Config.Validate,
        };
        var loaded = await CheckedInputs.LoadAsync(check, settings.Generation.ChunkTokens, "preview", progress, cancellationToken).ConfigureAwait(false);
        var inputs = WithinLimit(loaded.Inputs, given.MaxLeaves);
        var filters = settings.Teacher is null ? null : await FiltersAsync(given.Path, settings.Config, inputs, cancellationToken).ConfigureAwait(false);
        return new PreviewSession(given, settings, loaded.Checked, inputs, filters);
    }

    /// <summary>
    /// The build's filters of generated samples, as the settings ask for them: decontamination against the named
    /// evaluation sets and the previewed leaves' seeds, then personal data dropped or masked. Null when neither is on.
    /// </summary>
    private static async Task<Func<IReadOnlyList<Sample>, IReadOnlyList<Sample>>?> FiltersAsync(
        string root, Configuration.ContribBotConfig config, IReadOnlyList<GenerationInput> inputs, CancellationToken cancellationToken)
    {
        var decontaminator = await Build.EvaluationSets.DecontaminatorAsync(
            root, config.Decontaminate, inputs.Where(input => !input.Skipped).Select(input => input.Seeds), cancellationToken).ConfigureAwait(false);
        var personalData = config.PersonalData;
        if (decontaminator is null && personalData is null) return null;
        return samples =>
        {
            if (decontaminator is not null) samples = decontaminator.Apply(samples);
            return personalData is { } action ? Generation.Filters.PersonalDataFilter.Apply(samples, action) : samples;
        };
    }

    /// <summary>The dry run: what a preview and a full build would send, counted without calling anyone.</summary>
    /// <param name="notice">Why the plan stands in for a preview that was asked for (the teacher refused), if it does.</param>
    public PreviewOutput Plan(string? notice = null)
    {
        var plan = PreviewPlanner.Plan(Inputs, Settings.Generation, PromptLibrary.Default) with { Notice = notice };
        return new PreviewOutput(PreviewPlanRenderer.Json(plan, Validation, Context), PreviewPlanRenderer.Markdown(plan, Validation, Context), null)
        {
            Plan = plan,
        };
    }

    /// <summary>Generates (see <see cref="Run"/>); an interrupted or aborted run still gives its report.</summary>
    public async Task<PreviewOutput> GenerateAsync(CancellationToken cancellationToken)
    {
        var run = Run ?? throw new InvalidOperationException("No teacher is configured: this session is a dry run (use Plan).");
        var result = await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return new PreviewOutput(PreviewJsonRenderer.Render(Validation, result, Context), PreviewMarkdownRenderer.Render(Validation, result, Context),
            SamplesJsonlRenderer.Render(result))
        {
            Result = result,
        };
    }

    /// <summary>
    /// What a pull request gets where no one can pass --require-teacher: the preview, or the plan without a teacher;
    /// a teacher that became unusable gives the plan with the notice saying why (the App and the command workflow).
    /// </summary>
    public async Task<PreviewOutput> PreviewOrPlanAsync(CancellationToken cancellationToken)
    {
        var output = Run is null ? Plan() : await GenerateAsync(cancellationToken).ConfigureAwait(false);
        return output.Result is { Status: PreviewStatus.Aborted } aborted ? Plan(TeacherFallbackNotice(aborted)) : output;
    }

    /// <summary>
    /// Why a dry-run plan stands in for a preview whose teacher became unusable (GitHub Models turned off for the
    /// organisation, a spent quota): the check must not go red for it, and the plan says so.
    /// </summary>
    public static string TeacherFallbackNotice(PreviewResult result) =>
        $"The teacher could not be used ({result.StatusMessage}), so this is the dry-run plan instead of a preview. " +
        "Samples will be generated when the teacher is available again (re-run the check); the maintainer can make this a failure with --require-teacher.";

    public void Dispose()
    {
        _chat?.Dispose();
        Checked.Dispose();
    }

    /// <summary>
    /// At most <paramref name="maxLeaves"/> leaves are previewed; the rest are listed as skipped, so a pull request
    /// touching a thousand leaves cannot turn a preview into a full build on the project's quota.
    /// </summary>
    private static List<GenerationInput> WithinLimit(IReadOnlyList<GenerationInput> inputs, int maxLeaves)
    {
        var previewed = 0;
        return inputs.Select(input => input.Skipped || ++previewed <= maxLeaves
            ? input
            : input with { SkipReason = $"over the preview limit of {maxLeaves} leaves (--max-leaves); the full build covers it", OverPreviewLimit = true }).ToList();
    }
}
