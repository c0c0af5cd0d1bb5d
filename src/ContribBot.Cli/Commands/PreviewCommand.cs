using System.CommandLine;
using ContribBot.Core.Reports;
using ContribBot.Core.Reports.Preview;
using ContribBot.Core.Runs.Preview;
using Spectre.Console;
namespace ContribBot.Cli.Commands;

/// <summary>
/// <c>contribbot preview [PATH]</c>: validates, then generates a few synthetic samples per (changed) leaf through the
/// teacher and critic and writes <c>report.json</c>, <c>report.md</c> and <c>samples.jsonl</c>. Without a teacher it
/// is a dry run that prints the plan.
/// </summary>
public sealed class PreviewCommand(CliIo io)
{
    public const string DefaultOutDirectory = PreviewSettings.DefaultOutDirectory;

    public static Command Create(CliIo io)
    {
        var path = new Argument<string>("PATH") { Description = "The taxonomy root (the folder holding knowledge/ and compositional_skills/).", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var baseRef = new Option<string?>("--base") { Description = "Preview only the leaves changed since the merge base with this ref (pull-request mode).", HelpName = "REF" };
        var headRef = new Option<string?>("--head") { Description = "Pull-request mode: the ref whose changes are previewed (default: the working tree).", HelpName = "REF" };
        var samples = CommandOptions.Positive("--samples", "N", "Kept samples to aim for per leaf (default 5, or preview.samples in the config); generation stops early once reached.");
        var dryRun = new Option<bool>("--dry-run") { Description = "Call no model: validate and print the plan (leaves, calls, prompt tokens, estimated tokens and cost)." };
        var maxLeaves = CommandOptions.PositiveWithDefault("--max-leaves", "N", PreviewSettings.DefaultMaxLeaves,
            "Preview at most this many leaves; the others are listed as skipped.");
        var showPrompts = new Option<bool>("--show-prompts") { Description = "Dry run: also print each prompt as it would be sent." };
        var outDir = new Option<string>("--out") { Description = "Folder for report.json, report.md and samples.jsonl.", HelpName = "DIR", DefaultValueFactory = _ => DefaultOutDirectory };
        var strict = new Option<bool>("--strict") { Description = "Treat validation warnings as errors." };
        var requireTeacher = new Option<bool>("--require-teacher")
        {
            Description = "Fail (exit 2) when the teacher refuses (401/403), is out of quota or keeps failing, instead of writing the dry-run plan with a notice.",
        };

        var command = new Command("preview", "Generate a small preview of the synthetic data each (changed) leaf will produce, with a quality report.")
        {
            path, baseRef, headRef, samples, maxLeaves, dryRun, showPrompts, outDir,
        };
        var teacher = new TeacherOptions();
        foreach (var option in teacher.All) command.Add(option);
        command.Add(strict);
        command.Add(requireTeacher);
        command.SetAction((parse, cancellationToken) => new PreviewCommand(io).ExecuteAsync(
            new PreviewSettings(parse.GetValue(path) ?? ".", parse.GetValue(outDir) ?? DefaultOutDirectory)
            {
                Base = parse.GetValue(baseRef),
                Head = parse.GetValue(headRef),
                Samples = parse.GetValue(samples),
                MaxLeaves = parse.GetValue(maxLeaves),
                DryRun = parse.GetValue(dryRun),
                TeacherUrl = parse.GetValue(teacher.TeacherUrl),
                Model = parse.GetValue(teacher.Model),
                CriticModel = parse.GetValue(teacher.CriticModel),
                Concurrency = parse.GetValue(teacher.Concurrency),
                TimeoutSeconds = parse.GetValue(teacher.Timeout),
                MaxRetries = parse.GetValue(teacher.MaxRetries),
                TimeLimitMinutes = parse.GetValue(teacher.TimeLimit),
                ConfigFile = parse.GetValue(teacher.Config),
                AllowLocalRepos = parse.GetValue(teacher.AllowLocalRepos),
                Offline = parse.GetValue(teacher.Offline),
                RequireDocuments = parse.GetValue(teacher.RequireDocuments),
                DocumentMirrors = CommandOptions.Mirrors(parse.GetValue(teacher.DocumentMirror)),
                Strict = parse.GetValue(strict),
                RequireTeacher = parse.GetValue(requireTeacher),
            }, parse.GetValue(showPrompts), cancellationToken));
        return command;
    }

    public async Task<int> ExecuteAsync(PreviewSettings settings, bool showPrompts, CancellationToken cancellationToken)
    {
        using var session = await ProgressConsole.CountingAsync(io.Progress, progress => PreviewSession.StartAsync(settings, io.Environment, progress, cancellationToken))
            .ConfigureAwait(false);
        var report = session.Validation;
        if (session.Checked.Comparison is { } comparison) await io.Stderr.WriteLineAsync(comparison).ConfigureAwait(false);
        if (report.Diagnostics.Any()) await io.Stderr.WriteAsync(TextReportRenderer.Render(report, new ReportContext(Environment.CurrentDirectory))).ConfigureAwait(false);
        else await io.Stderr.WriteLineAsync(TextReportRenderer.Summary(report)).ConfigureAwait(false);
        var validationExit = report.HasErrors ? ExitCodes.Findings : ExitCodes.Success;
        if (session.Inputs.Count == 0) await io.Stderr.WriteLineAsync("No leaves to preview.").ConfigureAwait(false);

        if (session.Run is not { } run)
        {
            var planned = session.Plan();
            await io.Stdout.WriteAsync(PreviewPlanRenderer.Text(planned.Plan!, showPrompts)).ConfigureAwait(false);
            await planned.WriteToAsync(settings.OutDirectory).ConfigureAwait(false);
            await io.Stderr.WriteLineAsync($"Dry-run plan written to {Path.Combine(settings.OutDirectory, PreviewOutput.JsonFile)} and {PreviewOutput.MarkdownFile}.").ConfigureAwait(false);
            return validationExit;
        }

        var teacher = session.Settings.Teacher!;
        await io.Stderr.WriteLineAsync($"Previewing {session.Inputs.Count(i => !i.Skipped)} leaf(s) with {teacher.Model} at {teacher.Endpoint} " +
                                       $"(critic {teacher.CriticModelOrTeacher}, {teacher.Concurrency} calls at a time)…").ConfigureAwait(false);
        var output = await WithProgressAsync(run, session.GenerateAsync(cancellationToken), session.Settings.Generation.SamplesPerLeaf).ConfigureAwait(false);
        await output.WriteToAsync(settings.OutDirectory).ConfigureAwait(false);
        var result = output.Result!;
        if (result.Status == PreviewStatus.Aborted && !settings.RequireTeacher)
        {
            // The plan stands in, saying why; --require-teacher asks for the failure instead.
            var notice = PreviewSession.TeacherFallbackNotice(result);
            var fallback = session.Plan(notice);
            await fallback.WriteToAsync(settings.OutDirectory).ConfigureAwait(false);
            await io.Stderr.WriteLineAsync($"notice: {notice}").ConfigureAwait(false);
            await io.Stderr.WriteLineAsync($"Dry-run plan written to {Path.Combine(settings.OutDirectory, PreviewOutput.JsonFile)} and {PreviewOutput.MarkdownFile}.").ConfigureAwait(false);
            return validationExit;
        }

        foreach (var leaf in result.Leaves)
        {
            var line = leaf.Quality is { } q
                ? $"  {leaf.Path}: {q.Kept} kept, {q.Generated - q.Kept} dropped" + (q.Risks.Count > 0 ? $" (risks: {string.Join(", ", q.Risks.Select(r => r.Code))})" : string.Empty)
                : $"  {leaf.Path}: skipped, {leaf.SkipReason}";
            await io.Stderr.WriteLineAsync(line).ConfigureAwait(false);
        }

        await io.Stderr.WriteLineAsync($"Preview {result.Status.ToString().ToLowerInvariant()}: {result.Kept} of {result.Generated} samples kept, " +
                                       $"{result.Usage.Calls} calls, {result.Usage.TotalTokens:N0} tokens; report in {settings.OutDirectory}/ " +
                                       $"({PreviewOutput.JsonFile}, {PreviewOutput.MarkdownFile}, {PreviewOutput.SamplesFile}).")
            .ConfigureAwait(false);
        if (result.StatusMessage is { } message) await io.Stderr.WriteLineAsync($"error: {message}").ConfigureAwait(false);
        return result.Status == PreviewStatus.Complete ? validationExit : ExitCodes.UsageError;
    }

    /// <summary>On the progress console, a line per leaf with its calls, tokens and kept samples; nothing otherwise (CI logs, tests).</summary>
    private async Task<PreviewOutput> WithProgressAsync(PreviewRun run, Task<PreviewOutput> execution, int target)
    {
        if (io.Progress is not { } console) return await execution.ConfigureAwait(false);

        return await console.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var tasks = run.Recorders.Select(recorder => (recorder, task: progress.AddTask(Markup.Escape(recorder.Seeds.Path), maxValue: target))).ToList();
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
}
