using System.CommandLine;
using ContribBot.Core.Configuration;
using ContribBot.Core.Documents;
using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Pipelines;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Core.Git;
using ContribBot.Core.Reports;
using ContribBot.Core.Reports.Preview;
using ContribBot.Core.Runs.Preview;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Core.Validation;
using Spectre.Console;

namespace ContribBot.Cli.Commands;

/// <summary>
/// <c>contribbot preview [PATH]</c>: validates, then generates a few synthetic samples per (changed) leaf through the
/// teacher and critic and writes <c>report.json</c>, <c>report.md</c> and <c>samples.jsonl</c>. Without a teacher it
/// is a dry run that prints the plan.
/// </summary>
public sealed class PreviewCommand(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
{
    public const string DefaultOutDirectory = "contribbot-preview";

    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var path = new Argument<string>("PATH") { Description = "The taxonomy root (the folder holding knowledge/ and compositional_skills/).", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var baseRef = new Option<string?>("--base") { Description = "Preview only the leaves changed since the merge base with this ref (pull-request mode).", HelpName = "REF" };
        var headRef = new Option<string?>("--head") { Description = "Pull-request mode: the ref whose changes are previewed (default: the working tree).", HelpName = "REF" };
        var samples = Positive("--samples", "N", "Kept samples to aim for per leaf (default 5, or preview.samples in the config); generation stops early once reached.");
        var dryRun = new Option<bool>("--dry-run") { Description = "Call no model: validate and print the plan (leaves, calls, prompt tokens, estimated tokens and cost)." };
        var maxLeaves = ValidateCommand.PositiveIntOption("--max-leaves", "N", PreviewSettings.DefaultMaxLeaves,
            "Preview at most this many leaves; the others are listed as skipped.");
        var showPrompts = new Option<bool>("--show-prompts") { Description = "Dry run: also print each prompt as it would be sent." };
        var outDir = new Option<string>("--out") { Description = "Folder for report.json, report.md and samples.jsonl.", HelpName = "DIR", DefaultValueFactory = _ => DefaultOutDirectory };
        var teacherUrl = new Option<string?>("--teacher-url") { Description = "OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (env CONTRIBBOT_TEACHER_URL, config teacher.url).", HelpName = "URL" };
        var model = new Option<string?>("--model") { Description = "Teacher model (env CONTRIBBOT_MODEL, config teacher.model).", HelpName = "NAME" };
        var criticModel = new Option<string?>("--critic-model") { Description = "Critic model (env CONTRIBBOT_CRITIC_MODEL, config teacher.critic_model; default: the teacher).", HelpName = "NAME" };
        var concurrency = Positive("--concurrency", "N", "Calls in flight at once (default 8).");
        var timeout = Positive("--timeout", "SECONDS", "Timeout of one call (default 120).");
        var maxRetries = new Option<int?>("--max-retries") { Description = "Retries of a call after 429, 5xx, timeouts and connection failures (default 4).", HelpName = "N" };
        maxRetries.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0) result.AddError("--max-retries cannot be negative.");
        });
        var config = new Option<string?>("--config") { Description = $"Settings file (default: PATH/{ContribBotConfig.DefaultRelativePath}).", HelpName = "FILE" };
        var allowLocalRepos = new Option<bool>("--allow-local-repos") { Description = "Read knowledge documents from local paths and file:// URLs too." };
        var offline = new Option<bool>("--offline") { Description = "Never fetch knowledge documents; use what the cache holds." };
        var strict = new Option<bool>("--strict") { Description = "Treat validation warnings as errors." };

        var command = new Command("preview", "Generate a small preview of the synthetic data each (changed) leaf will produce, with a quality report.")
        {
            path, baseRef, headRef, samples, maxLeaves, dryRun, showPrompts, outDir, teacherUrl, model, criticModel, concurrency, timeout, maxRetries, config,
            allowLocalRepos, offline, strict,
        };
        command.SetAction((parse, cancellationToken) => new PreviewCommand(stdout, stderr, environment).ExecuteAsync(
            new PreviewSettings(parse.GetValue(path) ?? ".", parse.GetValue(outDir) ?? DefaultOutDirectory)
            {
                Base = parse.GetValue(baseRef),
                Head = parse.GetValue(headRef),
                Samples = parse.GetValue(samples),
                MaxLeaves = parse.GetValue(maxLeaves),
                DryRun = parse.GetValue(dryRun),
                ShowPrompts = parse.GetValue(showPrompts),
                TeacherUrl = parse.GetValue(teacherUrl),
                Model = parse.GetValue(model),
                CriticModel = parse.GetValue(criticModel),
                Concurrency = parse.GetValue(concurrency),
                TimeoutSeconds = parse.GetValue(timeout),
                MaxRetries = parse.GetValue(maxRetries),
                ConfigFile = parse.GetValue(config),
                AllowLocalRepos = parse.GetValue(allowLocalRepos),
                Offline = parse.GetValue(offline),
                Strict = parse.GetValue(strict),
            }, cancellationToken));
        return command;
    }

    public async Task<int> ExecuteAsync(PreviewSettings settings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.Path)) throw new InputPathException($"'{settings.Path}' is not a folder; preview takes the root of a taxonomy.");
        var config = ContribBotConfig.Load(settings.ConfigFile ?? Path.Combine(settings.Path, ContribBotConfig.DefaultRelativePath), required: settings.ConfigFile is not null);
        var generation = GenerationSettingsFrom(settings, config);
        var teacher = settings.DryRun ? null : TeacherFrom(settings, config);

        var validate = new ValidateSettings([settings.Path], ReportFormat.Text, null, settings.Strict, YamlLimits.Default.MaxFileBytes,
            SeedTokenBudget.Default.PerExample, SeedTokenBudget.Default.Total, NoColor: true, settings.Base, settings.Head, settings.AllowLocalRepos, settings.Offline);
        using var checkedTaxonomy = await new ValidateCommand(stdout, stderr, environment).CheckAsync(validate, cancellationToken).ConfigureAwait(false);
        var report = checkedTaxonomy.Report;
        if (report.Diagnostics.Any()) await stderr.WriteAsync(TextReportRenderer.Render(report, new ReportContext(Environment.CurrentDirectory))).ConfigureAwait(false);
        else await stderr.WriteLineAsync(TextReportRenderer.Summary(report)).ConfigureAwait(false);

        var documents = new GitDocumentResolver(DocumentOptions.Default with
        {
            AllowLocalRepos = settings.AllowLocalRepos,
            Offline = settings.Offline,
            CacheDirectory = DocumentOptions.DefaultCacheDirectory(),
        });
        var loaded = await new GenerationInputLoader(documents, checkedTaxonomy.Options.Limits, generation.ChunkTokens)
            .LoadAsync(report, settings.Path, checkedTaxonomy.Read, cancellationToken).ConfigureAwait(false);
        var inputs = WithinLimit(loaded, settings.MaxLeaves);
        // The report files are for publishing: paths from the repository root (outside git, the taxonomy root), whatever
        // the current directory.
        var context = ReportContext.ForMachines(report, Path.GetFullPath(settings.Path), DocsLocation.From(environment));
        var validationExit = report.HasErrors ? ExitCodes.Findings : ExitCodes.Success;
        if (inputs.Count == 0) await stderr.WriteLineAsync("No leaves to preview.").ConfigureAwait(false);

        if (teacher is null)
        {
            var plan = PreviewPlanner.Plan(inputs, generation, PromptLibrary.Default);
            await stdout.WriteAsync(PreviewPlanRenderer.Text(plan, settings.ShowPrompts)).ConfigureAwait(false);
            await WriteAsync(settings.OutDirectory, PreviewPlanRenderer.Json(plan, report, context), PreviewPlanRenderer.Markdown(plan, report, context), null).ConfigureAwait(false);
            await stderr.WriteLineAsync($"Dry-run plan written to {Path.Combine(settings.OutDirectory, "report.json")} and report.md.").ConfigureAwait(false);
            return validationExit;
        }

        using var chat = new ResilientChat(new SemanticKernelChatBackend(teacher), teacher);
        var run = new PreviewRun(inputs, chat, chat.Usage, generation, PromptLibrary.Default);
        await stderr.WriteLineAsync($"Previewing {inputs.Count(i => !i.Skipped)} leaf(s) with {teacher.Model} at {teacher.Endpoint} " +
                                    $"(critic {teacher.CriticModelOrTeacher}, {teacher.Concurrency} calls at a time)…").ConfigureAwait(false);
        var result = await WithProgressAsync(run, report, generation.SamplesPerLeaf, cancellationToken).ConfigureAwait(false);

        await WriteAsync(settings.OutDirectory, PreviewJsonRenderer.Render(report, result, context), PreviewMarkdownRenderer.Render(report, result, context),
            SamplesJsonlRenderer.Render(result)).ConfigureAwait(false);
        foreach (var leaf in result.Leaves)
        {
            var line = leaf.Quality is { } q
                ? $"  {leaf.Path}: {q.Kept} kept, {q.Generated - q.Kept} dropped" + (q.Risks.Count > 0 ? $" (risks: {string.Join(", ", q.Risks.Select(r => r.Code))})" : string.Empty)
                : $"  {leaf.Path}: skipped, {leaf.SkipReason}";
            await stderr.WriteLineAsync(line).ConfigureAwait(false);
        }

        await stderr.WriteLineAsync($"Preview {result.Status.ToString().ToLowerInvariant()}: {result.Kept} of {result.Generated} samples kept, " +
                                    $"{result.Usage.Calls} calls, {result.Usage.TotalTokens:N0} tokens; report in {settings.OutDirectory}/ (report.json, report.md, samples.jsonl).")
            .ConfigureAwait(false);
        if (result.StatusMessage is { } message) await stderr.WriteLineAsync($"error: {message}").ConfigureAwait(false);
        return result.Status == PreviewStatus.Complete ? validationExit : ExitCodes.UsageError;
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
            : input with { SkipReason = $"over the preview limit of {maxLeaves} leaves (--max-leaves); the full build covers it" }).ToList();
    }

    /// <summary>Options beat the environment, which beats the config file. No URL or no model: null (dry run).</summary>
    private TeacherSettings? TeacherFrom(PreviewSettings settings, ContribBotConfig config)
    {
        var url = First(settings.TeacherUrl, environment("CONTRIBBOT_TEACHER_URL"), config.TeacherUrl);
        var model = First(settings.Model, environment("CONTRIBBOT_MODEL"), config.Model);
        if (url is null && model is null) return null;
        if (url is null || model is null)
        {
            throw new ConfigException(url is null
                ? $"a model ('{model}') is set but no teacher URL: give --teacher-url, CONTRIBBOT_TEACHER_URL or teacher.url."
                : $"a teacher URL ({url}) is set but no model: give --model, CONTRIBBOT_MODEL or teacher.model.");
        }

        Uri endpoint;
        try
        {
            endpoint = TeacherSettings.NormalizeEndpoint(url);
        }
        catch (ArgumentException exception)
        {
            throw new ConfigException(exception.Message, exception);
        }

        var defaults = new TeacherSettings(endpoint, model);
        return defaults with
        {
            CriticModel = First(settings.CriticModel, environment("CONTRIBBOT_CRITIC_MODEL"), config.CriticModel),
            ApiKey = First(environment("CONTRIBBOT_API_KEY"), TeacherSettings.IsGitHubModels(endpoint) ? environment("GITHUB_TOKEN") : null),
            Concurrency = settings.Concurrency ?? config.Concurrency ?? defaults.Concurrency,
            RequestTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds ?? config.TimeoutSeconds ?? (int)defaults.RequestTimeout.TotalSeconds),
            MaxRetries = settings.MaxRetries ?? config.MaxRetries ?? defaults.MaxRetries,
        };
    }

    private static GenerationSettings GenerationSettingsFrom(PreviewSettings settings, ContribBotConfig config)
    {
        var defaults = GenerationSettings.Default;
        var thresholds = new Dictionary<string, int>(defaults.Thresholds, StringComparer.Ordinal);
        foreach (var (name, value) in config.Thresholds) thresholds[name] = value;
        return defaults with
        {
            SamplesPerLeaf = settings.Samples ?? config.Samples ?? defaults.SamplesPerLeaf,
            ChunkTokens = config.ChunkTokens ?? defaults.ChunkTokens,
            FullBuildSamplesPerSeed = config.SamplesPerSeed ?? defaults.FullBuildSamplesPerSeed,
            RougeLThreshold = config.RougeLThreshold ?? defaults.RougeLThreshold,
            InputPricePerMillion = config.InputPricePerMillion ?? defaults.InputPricePerMillion,
            OutputPricePerMillion = config.OutputPricePerMillion ?? defaults.OutputPricePerMillion,
            Thresholds = thresholds,
        };
    }

    /// <summary>On a terminal, a line per leaf with its calls, tokens and kept samples; plain otherwise (CI logs, tests).</summary>
    private async Task<PreviewResult> WithProgressAsync(PreviewRun run, ValidationReport report, int target, CancellationToken cancellationToken)
    {
        if (ProgressConsole.For(stderr, environment) is not { } console) return await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);

        return await console.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var tasks = run.Recorders.Select(recorder => (recorder, task: progress.AddTask(Markup.Escape(recorder.Seeds.Path), maxValue: target))).ToList();
                var execution = run.ExecuteAsync(cancellationToken);
                while (!execution.IsCompleted)
                {
                    foreach (var (recorder, task) in tasks) Update(recorder, task);
                    await Task.WhenAny(execution, Task.Delay(200, CancellationToken.None)).ConfigureAwait(false);
                }

                foreach (var (recorder, task) in tasks)
                {
                    Update(recorder, task);
                    task.StopTask();
                }

                return await execution.ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private static void Update(LeafRecorder recorder, ProgressTask task)
    {
        task.Value = Math.Min(recorder.Kept, task.MaxValue);
        task.Description = Markup.Escape($"{recorder.Seeds.Path}: {recorder.Calls} calls, {recorder.PromptTokens + recorder.CompletionTokens:N0} tok, " +
                                         $"{recorder.Kept}/{task.MaxValue:0} kept") + (recorder.FailedCalls > 0 ? $" [yellow]{recorder.FailedCalls} failed[/]" : string.Empty);
    }

    /// <summary>Each file is written beside its final name and moved into place, so a reader never sees half a report.</summary>
    private static async Task WriteAsync(string directory, string json, string markdown, string? samples)
    {
        Directory.CreateDirectory(directory);
        await WriteFileAsync(Path.Combine(directory, "report.json"), json).ConfigureAwait(false);
        await WriteFileAsync(Path.Combine(directory, "report.md"), markdown).ConfigureAwait(false);
        var samplesPath = Path.Combine(directory, "samples.jsonl");
        if (samples is not null) await WriteFileAsync(samplesPath, samples).ConfigureAwait(false);
        else if (File.Exists(samplesPath)) File.Delete(samplesPath); // a dry run must not leave an older run's samples beside its plan
    }

    private static async Task WriteFileAsync(string path, string content)
    {
        var temporary = path + ".tmp";
        // Not cancellable: an interrupted run still writes its partial report.
        await File.WriteAllTextAsync(temporary, content, CancellationToken.None).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value))?.Trim();

    private static Option<int?> Positive(string name, string helpName, string description)
    {
        var option = new Option<int?>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0) result.AddError($"{name} must be a positive number.");
        });
        return option;
    }
}
