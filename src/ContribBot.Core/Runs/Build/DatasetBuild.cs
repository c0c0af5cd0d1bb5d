using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Batch;
using ContribBot.Core.Generation.Filters;
using ContribBot.Core.Generation.Pipelines;
using ContribBot.Core.Generation.Planning;
using ContribBot.Core.Generation.Prompts;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Core.Git;
using ContribBot.Core.Quality.Review;
using ContribBot.Core.Reports;
using ContribBot.Core.Reports.Dataset;
using ContribBot.Core.Runs.Checking;
using ContribBot.Core.Runs.Files;
using ContribBot.Core.Runs.Preview;
using ContribBot.Core.Runs.Settings;
using ContribBot.Core.Validation;

namespace ContribBot.Core.Runs.Build;

/// <summary>
/// The use case "build the dataset": check the whole taxonomy, make generation inputs of every leaf, keep this shard's
/// leaves, and for each either take its output from the cache (same key: same content, documents, prompts, settings,
/// models) or generate it through every unit of its work plan, every reply journaled before use. Then write the shard:
/// row files leaf by leaf in path order and <c>shard.json</c>; without <c>--shard</c>, merge it into the dataset.
/// </summary>
public static partial class DatasetBuild
{
    public const string DefaultSystemPrompt = "You are a helpful assistant. Answer accurately and say so when you are not sure.";

    /// <summary>Where an unsharded build keeps its one shard, inside the dataset folder (hidden: not part of what is published).</summary>
    public const string ShardFolderName = ".shard";

    /// <summary>The near-duplicate index of the last dataset a whole build wrote, in its cache folder.</summary>
    public const string NearDuplicateIndexFileName = "near-duplicates.index";

    /// <exception cref="InputPathException">The path is not a folder.</exception>
    /// <exception cref="Configuration.ConfigException">The settings are unusable.</exception>
    public static async Task<BuildOutcome> RunAsync(
        BuildSettings given, Func<string, string?> environment, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        var settings = new RunSettingsResolver(environment).Resolve(given);
        var check = new CheckSettings([given.Path])
        {
            AllowLocalRepos = given.AllowLocalRepos,
            Offline = given.Offline,
            RequireDocuments = given.RequireDocuments,
            DocumentMirrors = given.DocumentMirrors,
            DocumentCacheDirectory = settings.DocumentCacheDirectory,
            DocumentHosts = settings.Config.DocumentHosts,
            ConfigFile = given.ConfigFile,
            Validate = settings.Config.Validate,
        };
        using var loaded = await CheckedInputs.LoadAsync(check, settings.Generation.ChunkTokens, "build", null, cancellationToken).ConfigureAwait(false);
        var inputs = loaded.Inputs.OrderBy(input => input.Seeds.Path, StringComparer.Ordinal).ToList();
        var teacherModel = settings.Teacher?.Model ?? "dry-run";
        var recipe = new BuildRecipe(settings.Generation, teacherModel, settings.Teacher?.CriticModelOrTeacher ?? teacherModel,
            given.SystemPrompt ?? settings.Config.SystemPrompt ?? DefaultSystemPrompt, PromptLibrary.Default);
        var plans = PreviewPlanner.Plan(inputs, settings.Generation, recipe.Prompts).Leaves;
        var shard = given.Shard ?? Shard.Whole;
        var partition = ShardPartition.Assign(inputs.Select((input, i) => (input.Seeds.Path, plans[i].FullBuildTokens)), shard.Count);
        var mine = inputs.Select((input, i) => (Input: input, Plan: plans[i])).Where(leaf => partition[leaf.Input.Seeds.Path] == shard.Index).ToList();
        var cache = new BuildCache(given.CacheDirectory ?? DefaultCacheDirectory(environment));
        var review = await HumanReviewOf(given, cancellationToken).ConfigureAwait(false);
        // The seeds are InstructLab's test split: with decontamination on, they are test items like the named sets'.
        var decontaminator = await EvaluationSets.DecontaminatorAsync(given.Path, settings.Config.Decontaminate, inputs.Select(input => input.Seeds), cancellationToken)
            .ConfigureAwait(false);
        var mix = settings.Config.Mix.Count > 0 ? await ReplayMix.ResolveAsync(given.Path, settings.Config.Mix, cancellationToken).ConfigureAwait(false) : null;
        var work = new LeafWork(mine.Select(leaf => leaf.Input).ToList(), mine.Select(leaf => leaf.Plan).ToList(), recipe, cache, review);

        var shardDirectory = given.Shard is null ? Path.Combine(given.OutDirectory, ShardFolderName) : given.OutDirectory;
        var commit = GitHead.CommitOf(given.Path);
        var partitionEntries = partition.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new PartitionEntry(pair.Key, pair.Value + 1)).ToList();

        var inBatches = given.Batch != BatchMode.Live || given.BatchResultsDirectory is not null;
        if (inBatches && settings.Teacher is null && !given.DryRun)
        {
            throw new Configuration.ConfigException("a batch build needs the model that answers its requests (part of every request and its key): give --model, " +
                                                    "CONTRIBBOT_MODEL or teacher.model (and for --batch openai the teacher URL).");
        }

        if (settings.Teacher is null) return DryRun(work, recipe, commit, shard, partitionEntries, shardDirectory);

        BuildOutcome outcome;
        if (!inBatches)
        {
            using var chat = new ResilientChat(new SemanticKernelChatBackend(settings.Teacher), settings.Teacher);
            var spending = new Spending(() => chat.Usage.Snapshot() is var usage ? (usage.Calls, usage.TotalTokens, settings.Generation.CostOf(usage.PromptTokens, usage.CompletionTokens)) : default);
            var built = await BuildLeavesAsync(work, () => chat, spending, settings.Teacher.Concurrency, given.MaxCost, progress, cancellationToken).ConfigureAwait(false);
            var manifest = await WriteShardAsync(built.Leaves).ConfigureAwait(false);
            var usage = chat.Usage.Snapshot();
            outcome = new BuildOutcome(manifest, shardDirectory, DryRun: false)
            {
                LiveCalls = usage.Calls,
                ReplayedCalls = built.Replayed,
                Tokens = usage.TotalTokens,
                Cost = settings.Generation.CostOf(usage.PromptTokens, usage.CompletionTokens),
                StoppedAtCostLimit = built.StoppedAtCost,
            };
        }
        else
        {
            var batched = await RunBatchedAsync(given, settings.Teacher, work, progress, cancellationToken).ConfigureAwait(false);
            if (batched.Waiting > 0)
            {
                var waitingManifest = Manifest(work, batched.Leaves, [], recipe, commit, shard, partitionEntries);
                return new BuildOutcome(waitingManifest, shardDirectory, DryRun: false)
                {
                    ReplayedCalls = batched.Replayed, BatchCalls = batched.Calls, BatchRounds = batched.Rounds, Tokens = batched.Tokens,
                    Cost = batched.Cost, WaitingCalls = batched.Waiting, RequestFiles = batched.RequestFiles,
                };
            }

            var manifest = await WriteShardAsync(batched.Leaves).ConfigureAwait(false);
            outcome = new BuildOutcome(manifest, shardDirectory, DryRun: false)
            {
                ReplayedCalls = batched.Replayed, BatchCalls = batched.Calls, BatchRounds = batched.Rounds, Tokens = batched.Tokens, Cost = batched.Cost,
                StoppedAtCostLimit = batched.StoppedAtCost,
            };
        }

        if (given.Shard is not null) return outcome;
        var dataset = await DatasetMerge.RunAsync([shardDirectory], given.OutDirectory, new MergeOptions
        {
            AllowPartial = true, TaxonomyRoot = given.Path,
            // Beside the cache, so the next build of this taxonomy keeps the rows this one kept.
            NearDuplicateIndex = Path.Combine(cache.Directory, NearDuplicateIndexFileName),
        }, cancellationToken)
            .ConfigureAwait(false);
        return outcome with { Dataset = dataset };

        async Task<ShardManifest> WriteShardAsync(LeafResult[] leaves)
        {
            // Near-duplicates across leaves are dropped when the shards are merged (also for one shard), so that a
            // sharded build and a whole one keep the same rows.
            var (finished, personalData, decontaminated) = Finish(work, leaves, settings.Config.PersonalData, decontaminator, settings.Config.Gates);
            var written = WriteShard(shardDirectory, work, finished, recipe, commit, shard, partitionEntries) with
            {
                NearDuplicateThreshold = settings.Config.NearDuplicates,
                Mix = mix,
                Gates = DatasetGates.Of(settings.Config.Gates),
                PersonalData = personalData,
                Decontamination = decontaminator is null ? null : new DecontaminationSummary(settings.Config.Decontaminate!, decontaminator.Items, decontaminated),
            };
            await AtomicFile.WriteAsync(Path.Combine(shardDirectory, ShardManifest.FileName), written.ToJson()).ConfigureAwait(false);
            return written;
        }
    }

    /// <summary>
    /// The rows as they go into the shard: the cached outputs (which keep every sample: reviews and settings change,
    /// replies do not) with the samples like a maintainer-rejected one dropped, those holding a test item dropped
    /// (<c>build.decontaminate</c>), then those holding personal data dropped or masked (<c>build.personal_data</c>).
    /// </summary>
    private static (LeafResult[] Leaves, PersonalDataSummary? PersonalData, int Contaminated) Finish(
        LeafWork work, LeafResult[] results, PersonalDataAction? personalData, Decontaminator? decontaminator, Configuration.GateSettings gates)
    {
        int dropped = 0, masked = 0, contaminated = 0;
        var finished = results.Select(result =>
        {
            if (result.Output is not { } output) return result;
            var samples = work.Review is { } review ? review.Rejections.Apply(output.Samples) : output.Samples;
            if (decontaminator is not null)
            {
                var before = samples.Count(s => s.Kept);
                samples = decontaminator.Apply(samples);
                contaminated += before - samples.Count(s => s.Kept);
            }

            if (personalData is { } action)
            {
                var before = samples.Count(s => s.Kept);
                samples = PersonalDataFilter.Apply(samples, action);
                dropped += before - samples.Count(s => s.Kept);
                masked += samples.Count(s => s.Kept && s.PersonalDataMasked > 0);
            }

            var finishedResult = ReferenceEquals(samples, output.Samples) ? result : result with { Output = output with { Samples = samples } };
            // A leaf that fails a gate keeps its counts in the manifest but gives no rows.
            return Quality.QualityGate.Check(samples, gates) is { } failure ? finishedResult with { Failure = failure } : finishedResult;
        }).ToArray();
        return (finished, personalData is { } chosen ? new PersonalDataSummary(chosen == PersonalDataAction.Drop ? "drop" : "mask", dropped, masked) : null, contaminated);
    }

    /// <summary>CONTRIBBOT_CACHE_DIR/build, beside the document cache.</summary>
    public static string DefaultCacheDirectory(Func<string, string?> environment) =>
        Path.Combine(Path.GetDirectoryName(Documents.DocumentOptions.DefaultCacheDirectory(environment))!, "build");

    /// <summary>The reviews file read, with the rejections it teaches; null without one.</summary>
    private static async Task<(HumanRejections Rejections, ReviewSummary Summary)?> HumanReviewOf(BuildSettings given, CancellationToken cancellationToken)
    {
        if (given.ReviewsFile is not { } path) return null;
        if (given.RejectLikeness is <= 0 or > 1) throw new Configuration.ConfigException("--reject-likeness is a ROUGE-L score above 0 and at most 1.");
        IReadOnlyList<ReviewedSample> reviews;
        try
        {
            reviews = await ReviewsFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new Configuration.ConfigException($"--reviews: {exception.Message}");
        }

        return (new HumanRejections(reviews, given.RejectLikeness), ReviewSummary.Of(reviews, given.RejectLikeness));
    }

    /// <param name="Review">The maintainers' review to apply to rows (not part of the cache key: a review changes no reply).</param>
    private sealed record LeafWork(
        IReadOnlyList<GenerationInput> Inputs, IReadOnlyList<LeafPlan> Plans, BuildRecipe Recipe, BuildCache Cache, (HumanRejections Rejections, ReviewSummary Summary)? Review)
    {
        /// <summary>Each leaf's cache key, worked out once.</summary>
        private readonly string[] _keys = Inputs.Select(input => LeafCacheKey.Of(input, Recipe)).ToArray();

        public string Key(int leaf) => _keys[leaf];
    }

    /// <summary>A leaf's result: its output (cached or new), or why there is none.</summary>
    private sealed record LeafResult(BuiltLeaf? Output, bool Cached, string? Failure)
    {
        /// <summary>Batch builds: the calls this leaf waits for; it is finished in a later round.</summary>
        public IReadOnlyList<BatchRequest> Waiting { get; init; } = [];
    }

    private static BuildOutcome DryRun(LeafWork work, BuildRecipe recipe, string? commit, Shard shard, IReadOnlyList<PartitionEntry> partition, string shardDirectory)
    {
        var results = new LeafResult[work.Inputs.Count];
        long calls = 0, tokens = 0;
        decimal cost = 0;
        for (var i = 0; i < work.Inputs.Count; i++)
        {
            var input = work.Inputs[i];
            if (input.Skipped)
            {
                results[i] = new LeafResult(null, false, input.SkipReason);
                continue;
            }

            var cached = work.Cache.Find(work.Key(i));
            results[i] = new LeafResult(cached, cached is not null, null);
            if (cached is not null) continue;
            calls += work.Plans[i].Calls.Sum(call => call.FullBuildCount);
            tokens += work.Plans[i].FullBuildTokens;
            cost += work.Plans[i].FullBuildCost;
        }

        var manifest = Manifest(work, results, [], recipe, commit, shard, partition);
        return new BuildOutcome(manifest, shardDirectory, DryRun: true) { PlannedCalls = calls, PlannedTokens = tokens, PlannedCost = cost };
    }

    /// <summary>Calls, tokens and dollars spent so far, for the cost limit and progress.</summary>
    private sealed record Spending(Func<(long Calls, long Tokens, decimal Cost)> Read);

    private static async Task<(LeafResult[] Leaves, long Replayed, bool StoppedAtCost)> BuildLeavesAsync(
        LeafWork work, Func<ITeacher> teacherBelow, Spending spending, int concurrency, decimal? maxCost, IProgress<BuildProgress>? progress,
        CancellationToken cancellationToken)
    {
        var results = new LeafResult[work.Inputs.Count];
        // Four leaves per call slot: a leaf's calls depend on each other (questions, then answers, then verdicts), so
        // one leaf rarely fills a slot all the time; enough leaves keep the endpoint busy, and few enough that the cost
        // limit is still checked before each leaf starts.
        using var admission = new SemaphoreSlim(Math.Max(1, concurrency * 4));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var gate = new Lock();
        decimal reserved = 0;
        long replayed = 0;
        var done = 0;
        var kept = 0;
        var stoppedAtCost = false;
        var running = new List<Task>();
        // Two leaves with the same content have the same key: the first builds it, the other takes its output.
        var firstWithKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var sameAs = new List<(int Leaf, int First)>();
        for (var i = 0; i < work.Inputs.Count; i++)
        {
            var input = work.Inputs[i];
            if (input.Skipped)
            {
                results[i] = new LeafResult(null, false, input.SkipReason);
                Interlocked.Increment(ref done);
                continue;
            }

            if (!firstWithKey.TryAdd(work.Key(i), i))
            {
                sameAs.Add((i, firstWithKey[work.Key(i)]));
                Interlocked.Increment(ref done);
                continue;
            }

            if (work.Cache.Find(work.Key(i)) is { } cached)
            {
                results[i] = new LeafResult(cached, true, null);
                Interlocked.Increment(ref done);
                Interlocked.Add(ref kept, cached.Kept);
                continue;
            }

            await admission.WaitAsync(cancellationToken).ConfigureAwait(false);
            var planned = work.Plans[i].FullBuildCost;
            lock (gate)
            {
                var spent = spending.Read().Cost;
                if (maxCost is { } limit && spent + reserved + planned > limit)
                {
                    stoppedAtCost = true;
                }
                else
                {
                    reserved += planned;
                }
            }

            if (stoppedAtCost)
            {
                admission.Release();
                for (var rest = i; rest < work.Inputs.Count; rest++)
                {
                    results[rest] ??= new LeafResult(null, false, $"not built: the estimated spend would pass --max-cost {maxCost:0.##} USD; run again with a higher limit (finished leaves are cached)");
                }

                break;
            }

            var index = i;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    var (result, fromJournal) = await BuildLeafAsync(work, index, teacherBelow(), cancellationToken).ConfigureAwait(false);
                    results[index] = result;
                    Interlocked.Add(ref replayed, fromJournal);
                    if (result.Output is { } output) Interlocked.Add(ref kept, output.Kept);
                }
                finally
                {
                    lock (gate) reserved -= planned;
                    var finished = Interlocked.Increment(ref done);
                    var (calls, tokens, cost) = spending.Read();
                    progress?.Report(new BuildProgress(finished, work.Inputs.Count, Volatile.Read(ref kept), calls, tokens, cost, started.Elapsed));
                    admission.Release();
                }
            }, CancellationToken.None));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        foreach (var (leaf, first) in sameAs) results[leaf] ??= results[first] with { Cached = results[first].Output is not null };
        return (results, replayed, stoppedAtCost);
    }


    /// <summary>Generates one leaf through every unit, its replies journaled; cached only when no call failed for good.</summary>
    private static async Task<(LeafResult Result, int Replayed)> BuildLeafAsync(
        LeafWork work, int index, ITeacher below, CancellationToken cancellationToken)
    {
        var input = work.Inputs[index];
        var key = work.Key(index);
        using var journal = work.Cache.OpenJournal(key);
        var teacher = new JournaledTeacher(below, journal);
        var recorder = new LeafRecorder(input.Seeds);
        var leafGenerator = new LeafGenerator(teacher, work.Recipe.Settings, work.Recipe.Prompts);
        try
        {
            await leafGenerator.RunAsync(input, GenerationBudget.EveryUnit, recorder, cancellationToken).ConfigureAwait(false);
        }
        catch (TeacherUnavailableException exception)
        {
            return (new LeafResult(null, false, $"the teacher became unusable: {exception.Message}"), teacher.Replayed);
        }

        if (below is BatchTeacher { Waiting.Count: > 0 } batch)
        {
            // Not failed: the calls it could make are made, the rest wait for the next batch round.
            return (new LeafResult(null, false, null) { Waiting = [.. batch.Waiting] }, teacher.Replayed);
        }

        if (recorder.FailedCalls > 0)
        {
            return (new LeafResult(null, false, $"{recorder.FailedCalls} call(s) failed even after retries; run the build again to retry them " +
                                                "(the replies that did come back are journaled)"), teacher.Replayed);
        }

        var built = new BuiltLeaf(key, recorder.Samples, recorder.Calls - teacher.Replayed, teacher.Replayed, recorder.PromptTokens, recorder.CompletionTokens);
        await work.Cache.StoreAsync(built).ConfigureAwait(false);
        return (new LeafResult(built, false, null), teacher.Replayed);
    }

    private static ShardManifest WriteShard(
        string directory, LeafWork work, LeafResult[] results, BuildRecipe recipe, string? commit, Shard shard, IReadOnlyList<PartitionEntry> partition)
    {
        using var writer = new ShardWriter(directory);
        var ranges = new List<RowRange>[results.Length];
        for (var i = 0; i < results.Length; i++)
        {
            ranges[i] = [];
            if (results[i].Output is not { } output || results[i].Failure is not null) continue;
            var seeds = work.Inputs[i].Seeds;
            var origin = new TrainingRows.Origin(seeds.Path, seeds.Kind, commit, seeds.Leaf.BlobId, recipe.TeacherModel, recipe.CriticModel);
            var file = seeds.Kind == Taxonomy.LeafKind.Knowledge ? DatasetFiles.Knowledge : DatasetFiles.Skills;
            ranges[i].Add(writer.Append(file, TrainingRows.Synthetic(origin, output.Samples, recipe.SystemPrompt)));
            ranges[i].Add(writer.Append(DatasetFiles.Test, TrainingRows.Seeds(origin, seeds, recipe.SystemPrompt)));
        }

        var files = writer.Commit();
        return Manifest(work, results, files, recipe, commit, shard, partition, ranges);
    }

    private static ShardManifest Manifest(
        LeafWork work, LeafResult[] results, IReadOnlyList<ShardFile> files, BuildRecipe recipe, string? commit, Shard shard,
        IReadOnlyList<PartitionEntry> partition, List<RowRange>[]? ranges = null)
    {
        var leaves = work.Inputs.Select((input, i) =>
        {
            var output = results[i].Output;
            var dropped = (output?.Samples ?? []).Where(sample => !sample.Kept)
                .GroupBy(sample => sample.DropReason ?? "unknown", StringComparer.Ordinal)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
            return new ShardLeaf(input.Seeds.Path, JsonReportRenderer.KindName(input.Seeds.Kind), input.Skipped ? null : work.Key(i), results[i].Cached,
                output?.Samples.Count ?? 0, output?.Kept ?? 0, dropped, output?.Calls ?? 0, output?.PromptTokens ?? 0, output?.CompletionTokens ?? 0,
                results[i].Failure, (IReadOnlyList<RowRange>?)ranges?[i] ?? [])
            {
                Methods = output is null ? null : Quality.MethodStats.Of(output.Samples),
            };
        }).ToList();
        return new ShardManifest(ShardManifest.CurrentFormat, commit, recipe.Hash, recipe.TeacherModel, recipe.CriticModel, shard.Number, shard.Count,
            partition, leaves, files)
        {
            Reviews = work.Review?.Summary,
        };
    }
}
