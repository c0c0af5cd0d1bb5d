using System.CommandLine;
using System.Globalization;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Git;
using ContribBot.Core.Runs.Build;
using Spectre.Console;

namespace ContribBot.Cli.Commands;

/// <summary>
/// <c>contribbot build [PATH]</c>: generates the full dataset (or one shard of it) from every leaf, reusing the cache
/// for leaves whose inputs did not change and the reply journal for calls an interrupted build already made.
/// </summary>
public sealed class BuildCommand(CliIo io)
{
    /// <summary>How often CI logs get a progress line.</summary>
    private static readonly TimeSpan PlainProgressInterval = TimeSpan.FromSeconds(15);

    public static Command Create(CliIo io)
    {
        var path = new Argument<string>("PATH") { Description = "The taxonomy root (the folder holding knowledge/ and compositional_skills/).", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var all = new Option<bool>("--all") { Description = "Build every leaf (the default; the cache decides what is generated again)." };
        var since = new Option<string?>("--since") { Description = "Also list the leaves changed since this ref. What is generated is decided by the cache keys, not by this list.", HelpName = "REF" };
        var shard = new Option<string?>("--shard") { Description = "Build only shard K of N (1-based) and write it as a shard folder for `contribbot merge`.", HelpName = "K/N" };
        shard.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && Shard.Parse(value) is null) result.AddError($"--shard '{value}' is not K/N with 1 ≤ K ≤ N (e.g. 3/8).");
        });
        var outDir = new Option<string>("--out") { Description = "The dataset folder (with --shard: the shard folder).", HelpName = "DIR", DefaultValueFactory = _ => BuildSettings.DefaultOutDirectory };
        var cache = new Option<string?>("--cache") { Description = "The build cache (finished leaves and journaled replies; default CONTRIBBOT_CACHE_DIR/build). Save and restore it between runs.", HelpName = "DIR" };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted build. Always in effect: finished leaves and journaled replies are reused, files whose checksum fails are redone." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Call no model: validate and print what would be generated (leaves, calls, tokens, cost)." };
        var maxCost = new Option<decimal?>("--max-cost") { Description = "Stop, resumably, before a leaf would take the estimated spend past this many US dollars.", HelpName = "USD" };
        maxCost.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<decimal?>() is <= 0) result.AddError("--max-cost must be a positive amount.");
        });
        var batch = new Option<string[]>("--batch")
        {
            Description = "Make the calls in rounds of batches: `openai` through the OpenAI Batch API (half price; a killed build polls its batches again), " +
                          "or `files DIR` to write each round's requests to DIR for another engine (vLLM's run-batch) and stop.",
            HelpName = "openai|files DIR",
            Arity = new ArgumentArity(1, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        batch.Validators.Add(result =>
        {
            if (ParseBatch(result.GetValueOrDefault<string[]?>()) is null) result.AddError("--batch takes `openai` or `files DIR`.");
        });
        var batchResults = new Option<string?>("--batch-results")
        {
            Description = "Read batch output files (every .jsonl in DIR not named requests-*) and go on; without --batch, the next round's requests are written to DIR.",
            HelpName = "DIR",
        };
        var reviews = new Option<string?>("--reviews")
        {
            Description = "Maintainers' verdicts on previewed samples (a JSON Lines file, as `contribbot reviews collect` writes it): rows like a sample marked bad " +
                          "(same leaf and seed, near in wording) are dropped as human-rejected, and the card states the review.",
            HelpName = "FILE",
        };
        var rejectLikeness = new Option<double>("--reject-likeness")
        {
            Description = "How near (ROUGE-L, 0–1) a row must be to a rejected sample to be dropped with it.", HelpName = "SCORE",
            DefaultValueFactory = _ => ContribBot.Core.Quality.Review.HumanRejections.DefaultThreshold,
        };
        rejectLikeness.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or > 1 or double.NaN) result.AddError("--reject-likeness is a ROUGE-L score above 0 and at most 1.");
        });
        var command = new Command("build", "Generate the training dataset from every leaf: incremental (content-addressed cache), resumable, shardable.")
        {
            path, all, since, shard, outDir, cache, resume, dryRun, maxCost, batch, batchResults, reviews, rejectLikeness,
        };
        var teacher = new TeacherOptions();
        foreach (var option in teacher.All) command.Add(option);
        command.SetAction((parse, cancellationToken) =>
        {
            var batchMode = ParseBatch(parse.GetValue(batch));
            return new BuildCommand(io).ExecuteAsync(new BuildSettings(parse.GetValue(path) ?? ".", parse.GetValue(outDir) ?? BuildSettings.DefaultOutDirectory)
            {
                Shard = Shard.Parse(parse.GetValue(shard)),
                CacheDirectory = parse.GetValue(cache),
                MaxCost = parse.GetValue(maxCost),
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
                Batch = batchMode?.Mode ?? BatchMode.Live,
                BatchDirectory = batchMode?.Directory,
                BatchResultsDirectory = parse.GetValue(batchResults),
                BatchPollInterval = PollInterval(io.Environment),
                ReviewsFile = parse.GetValue(reviews),
                RejectLikeness = parse.GetValue(rejectLikeness),
            }, parse.GetValue(since), cancellationToken);
        });
        return command;
    }

    /// <summary><c>openai</c> or <c>files DIR</c>; null when neither.</summary>
    private static (BatchMode Mode, string? Directory)? ParseBatch(string[]? values) => values switch
    {
        null or [] => (BatchMode.Live, null),
        ["openai"] => (BatchMode.OpenAi, null),
        ["files", var directory] => (BatchMode.Files, directory),
        _ => null,
    };

    /// <summary>CONTRIBBOT_BATCH_POLL_SECONDS (default 30): how often a submitted batch is asked how it is doing.</summary>
    private static TimeSpan PollInterval(Func<string, string?> environment) =>
        double.TryParse(environment("CONTRIBBOT_BATCH_POLL_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(Math.Min(seconds, 3600))
            : TimeSpan.FromSeconds(30);

    public async Task<int> ExecuteAsync(BuildSettings settings, string? since, CancellationToken cancellationToken)
    {
        if (since is not null) await ListChangedAsync(settings.Path, since).ConfigureAwait(false);
        var outcome = await WithProgressAsync(progress => DatasetBuild.RunAsync(settings, io.Environment, progress, cancellationToken)).ConfigureAwait(false);
        var manifest = outcome.Manifest;
        if (manifest.Partition.Count == 0)
        {
            await io.Stderr.WriteLineAsync($"warning: no qna.yaml found under {settings.Path}; is this the root of a taxonomy (the folder holding knowledge/ and compositional_skills/)?")
                .ConfigureAwait(false);
        }

        var shardText = manifest.Shards > 1 ? $" (shard {manifest.Shard}/{manifest.Shards})" : string.Empty;
        if (outcome.DryRun)
        {
            await io.Stdout.WriteLineAsync($"DRY RUN: no teacher is configured (or --dry-run); nothing was generated.{shardText}").ConfigureAwait(false);
            await io.Stdout.WriteLineAsync($"{manifest.Leaves.Count} leaf(s) in this build, {outcome.CachedLeaves} already in the cache; the others would make " +
                                           $"{outcome.PlannedCalls:N0} calls, ~{outcome.PlannedTokens:N0} tokens, ~${outcome.PlannedCost:0.00} at the configured prices.").ConfigureAwait(false);
            foreach (var leaf in manifest.Leaves.Where(leaf => leaf.Failure is not null))
            {
                await io.Stdout.WriteLineAsync($"  {leaf.Leaf}: cannot be built: {leaf.Failure}").ConfigureAwait(false);
            }

            // For scripts (a workflow's plan job sizes its matrix from it).
            await io.Stdout.WriteLineAsync(FormattableString.Invariant($"planned_calls={outcome.PlannedCalls}")).ConfigureAwait(false);
            await io.Stdout.WriteLineAsync(FormattableString.Invariant($"planned_tokens={outcome.PlannedTokens}")).ConfigureAwait(false);

            return outcome.Failed.Any() ? ExitCodes.Findings : ExitCodes.Success;
        }

        if (outcome.WaitingCalls > 0)
        {
            await io.Stderr.WriteLineAsync($"Batch round {outcome.BatchRounds}: {outcome.WaitingCalls:N0} call(s) written as batch requests; the dataset is not built yet.").ConfigureAwait(false);
            foreach (var file in outcome.RequestFiles) await io.Stdout.WriteLineAsync(file).ConfigureAwait(false);
            await io.Stderr.WriteLineAsync("Run them on any engine that reads the OpenAI batch format (for example vLLM's run-batch), put the output files in one folder, " +
                                           "then go on with `contribbot build --resume --batch-results DIR` (same taxonomy, cache and settings).").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        foreach (var leaf in outcome.Failed) await io.Stderr.WriteLineAsync($"  {leaf.Leaf}: failed: {leaf.Failure}").ConfigureAwait(false);
        var kept = manifest.Leaves.Sum(leaf => leaf.Kept);
        await io.Stderr.WriteLineAsync(
            $"Built {manifest.Leaves.Count(leaf => leaf.Failure is null)} of {manifest.Leaves.Count} leaf(s){shardText}, {outcome.CachedLeaves} from the cache; " +
            $"{kept:N0} samples kept; {outcome.LiveCalls:N0} calls ({outcome.ReplayedCalls:N0} replayed from the journal" +
            (outcome.BatchRounds > 0 ? $", {outcome.BatchCalls:N0} answered by batches in {outcome.BatchRounds} round(s)" : string.Empty) +
            $"), {outcome.Tokens:N0} tokens, ~${outcome.Cost:0.00}.")
            .ConfigureAwait(false);
        if (outcome.StoppedAtCostLimit) await io.Stderr.WriteLineAsync($"Stopped at --max-cost {settings.MaxCost:0.##} USD; run again with a higher limit to go on (nothing is lost).").ConfigureAwait(false);
        if (manifest.Reviews is { } review)
        {
            var rejected = manifest.Leaves.Sum(leaf => leaf.Dropped.GetValueOrDefault(ContribBot.Core.Generation.DropReasons.HumanRejected));
            await io.Stderr.WriteLineAsync($"Human review: {review.Reviewed:N0} verdict(s) ({review.Bad:N0} bad); {rejected:N0} row(s) like a rejected sample dropped.")
                .ConfigureAwait(false);
        }

        await io.Stderr.WriteLineAsync(outcome.Dataset is { } dataset
            ? $"Dataset written to {settings.OutDirectory}/ ({string.Join(", ", dataset.Files.Select(file => $"{file.Name}: {file.Rows:N0} rows"))}, manifest.json, README.md)" +
              (dataset.Partial ? "; PARTIAL: the failed leaves have no rows." : ".")
            : $"Shard written to {outcome.ShardDirectory}/; join the shards with `contribbot merge SHARD_DIR... --out DIR`.").ConfigureAwait(false);
        return outcome.Failed.Any() || outcome.StoppedAtCostLimit ? ExitCodes.Findings : ExitCodes.Success;
    }

    /// <summary>A bar on the progress console; elsewhere (CI logs, pipes) a plain line every few seconds and at the end.</summary>
    private async Task<BuildOutcome> WithProgressAsync(Func<IProgress<BuildProgress>, Task<BuildOutcome>> build)
    {
        if (io.Progress is not { } console) return await build(new PlainProgress(io.Stderr)).ConfigureAwait(false);

        return await console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Building", maxValue: 1);
                return await build(new Callback(value =>
                {
                    task.MaxValue = Math.Max(1, value.Leaves);
                    task.Value = value.LeavesDone;
                    task.Description = Describe(value);
                })).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private static string Describe(BuildProgress value) => value.Batch is { } batch
        ? $"{batch}; {value.Calls:N0} calls answered by batches so far"
        : $"{value.LeavesDone}/{value.Leaves} leaves, {value.Kept:N0} kept, {value.Calls:N0} calls, {value.Tokens:N0} tokens, ~${value.Cost.ToString("0.00", CultureInfo.InvariantCulture)}" +
        (value.Remaining is { } eta ? $", ETA {eta:hh\\:mm\\:ss}" : string.Empty);

    private async Task ListChangedAsync(string path, string since)
    {
        var changes = GitChanges.Find(path, since, null);
        var leaves = changes.Files.Count(file => file.Path.EndsWith("/qna.yaml", StringComparison.Ordinal) || file.Path == "qna.yaml");
        await io.Stderr.WriteLineAsync($"{leaves} leaf file(s) changed since '{since}' (merge base {changes.MergeBaseSha[..12]}); the cache decides what is generated again.")
            .ConfigureAwait(false);
    }


    private sealed class Callback(Action<BuildProgress> report) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value) => report(value);
    }

    /// <summary>Lines for logs: at most one every <see cref="PlainProgressInterval"/>, and the last one.</summary>
    private sealed class PlainProgress(TextWriter stderr) : IProgress<BuildProgress>
    {
        private readonly Lock _gate = new();
        private long _last = long.MinValue / 2;

        public void Report(BuildProgress value)
        {
            lock (_gate)
            {
                var now = Environment.TickCount64;
                if (value.LeavesDone < value.Leaves && now - _last < (long)PlainProgressInterval.TotalMilliseconds) return;
                _last = now;
                stderr.WriteLine($"build: {Describe(value)}");
            }
        }
    }
}
