using ContribBot.Core.Generation.Batch;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Runs.Build;

/// <summary>
/// Batch builds. A build's calls depend on each other (questions, then answers, then verdicts), so a batch build goes in
/// rounds: each round builds every leaf as far as the results so far allow, the calls it could not make yet become the
/// next batch, and the round after that reads their results. Results are journaled under the call's key like live
/// replies, so a round repeats no call and a killed build loses nothing. With the OpenAI Batch API the submitted batch
/// ids are kept beside the cache (a restarted build polls them instead of submitting again); with request files the
/// build stops after writing them and goes on when given their results.
/// </summary>
public static partial class DatasetBuild
{
    /// <summary>The OpenAI Batch API bills calls at half the live price.</summary>
    public const decimal BatchPriceFactor = 0.5m;

    /// <summary>A build whose rounds keep finding new calls after this many is stopped with an error (it cannot converge).</summary>
    public const int MaxBatchRounds = 20;

    public const string BatchFolderName = "batch";

    private sealed record BatchedBuild(
        LeafResult[] Leaves, long Replayed, long Calls, int Rounds, long Tokens, decimal Cost, long Waiting,
        IReadOnlyList<string> RequestFiles, bool StoppedAtCost);

    private static async Task<BatchedBuild> RunBatchedAsync(
        BuildSettings given, TeacherSettings teacher, LeafWork work, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(work.Cache.Directory, BatchFolderName);
        Directory.CreateDirectory(folder);
        using var results = ReplyJournal.Open(Path.Combine(folder, "results.jsonl"));
        var state = BatchState.Load(folder);
        long calls = 0, promptTokens = 0, completionTokens = 0;

        void Ingest(string file)
        {
            if (!state.Ingested.Add(BatchState.IdentityOf(file))) return;
            var (found, _) = BatchResult.ReadFile(file);
            foreach (var result in found)
            {
                if (result.Reply is { } reply)
                {
                    if (results.TryGet(result.Key, out _)) continue;
                    results.Add(result.Key, reply);
                    calls++;
                    promptTokens += reply.PromptTokens;
                    completionTokens += reply.CompletionTokens;
                }
                else if (!results.TryGet(result.Key, out _))
                {
                    state.Failures[result.Key] = state.Failures.GetValueOrDefault(result.Key) + 1;
                }
            }
        }

        if (given.BatchResultsDirectory is { } resultsFolder)
        {
            if (!Directory.Exists(resultsFolder)) throw Validation.InputPathException.NotFound(resultsFolder);
            foreach (var file in BatchFiles.ResultFilesIn(resultsFolder)) Ingest(file);
        }

        // Results given without a mode: the next round's requests go where the results came from.
        var mode = given.Batch == BatchMode.Live ? BatchMode.Files : given.Batch;
        var requestFolder = given.BatchDirectory ?? given.BatchResultsDirectory;
        var api = mode == BatchMode.OpenAi ? new OpenAiBatches(teacher) : null;
        string ModelFor(ChatRole role) => role == ChatRole.Critic ? teacher.CriticModelOrTeacher : teacher.Model;
        var spending = new Spending(() => (calls, promptTokens + completionTokens, Cost()));
        decimal Cost() => work.Recipe.Settings.CostOf(promptTokens, completionTokens) * BatchPriceFactor;

        for (var round = 1; ; round++)
        {
            if (api is not null)
            {
                var waitingFor = round;
                void Report(string what) => progress?.Report(new BuildProgress(0, work.Inputs.Count, 0, calls, promptTokens + completionTokens, Cost(), TimeSpan.Zero)
                {
                    Batch = $"round {waitingFor}: {what}",
                });
                await CollectAsync(api, state, folder, Ingest, Report, given.BatchPollInterval, cancellationToken).ConfigureAwait(false);
            }

            await state.SaveAsync(folder).ConfigureAwait(false);
            var givenUp = state.GivenUp;
            var (leaves, replayed, _) = await BuildLeavesAsync(work, () => new BatchTeacher(ModelFor, results, givenUp), spending,
                teacher.Concurrency, maxCost: null, progress, cancellationToken).ConfigureAwait(false);
            var waiting = leaves.SelectMany(leaf => leaf.Waiting).DistinctBy(request => request.Key).ToList();
            if (waiting.Count == 0) return new BatchedBuild(leaves, replayed, calls, round, promptTokens + completionTokens, Cost(), 0, [], false);
            if (round >= MaxBatchRounds)
            {
                throw new BatchApiException($"the batch build still had {waiting.Count} calls to make after {MaxBatchRounds} rounds; " +
                                            "the results given may not answer the requests written (another model or settings?)");
            }

            // Named by the calls they hold: the same round written twice gives the same files.
            var name = LeafCacheKey.Hash(waiting.Select(request => request.Key).Order(StringComparer.Ordinal))[..12];
            if (mode == BatchMode.Files)
            {
                var files = BatchFiles.Write(waiting, requestFolder!, name);
                return new BatchedBuild(leaves, replayed, calls, round, promptTokens + completionTokens, Cost(), waiting.Count, files.Select(file => file.Path).ToList(), false);
            }

            // --max-cost: a round is submitted only if it fits, counting each call's whole reply allowance (an upper bound).
            var roundCost = waiting.Sum(request => work.Recipe.Settings.CostOf(
                Text.TokenEstimator.Estimate(request.Request.System) + Text.TokenEstimator.Estimate(request.Request.User), request.Request.MaxTokens)) * BatchPriceFactor;
            if (given.MaxCost is { } limit && Cost() + roundCost > limit)
            {
                return new BatchedBuild(leaves.Select(leaf => leaf.Output is null && leaf.Failure is null
                        ? leaf with { Failure = $"not built: the next batch round (~${roundCost:0.00}) would pass --max-cost {limit:0.##} USD; run again with a higher limit (results so far are kept)" }
                        : leaf).ToArray(),
                    replayed, calls, round, promptTokens + completionTokens, Cost(), 0, [], StoppedAtCost: true);
            }

            foreach (var (input, requests) in BatchFiles.Write(waiting, Path.Combine(folder, "requests"), name))
            {
                var id = await api!.SubmitAsync(input, cancellationToken).ConfigureAwait(false);
                state.Submitted.Add(new SubmittedBatch(id, requests, DateTimeOffset.UtcNow));
                await state.SaveAsync(folder).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits for every submitted batch to finish and reads its output and error files into the results.</summary>
    private static async Task CollectAsync(
        OpenAiBatches api, BatchState state, string folder, Action<string> ingest, Action<string> report, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        foreach (var batch in state.Submitted.ToList())
        {
            var status = await api.StatusAsync(batch.Id, cancellationToken).ConfigureAwait(false);
            while (!status.IsFinished)
            {
                report($"batch {batch.Id} of {batch.Requests:N0} calls is {status.Status}");
                await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
                status = await api.StatusAsync(batch.Id, cancellationToken).ConfigureAwait(false);
            }

            foreach (var (file, suffix) in new[] { (status.OutputFileId, "output"), (status.ErrorFileId, "errors") })
            {
                if (file is null) continue;
                // The id comes from the server: only its plain characters go into a file name.
                var path = Path.Combine(folder, $"{new string(batch.Id.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-').Take(100).ToArray())}.{suffix}.jsonl");
                await api.DownloadAsync(file, path, cancellationToken).ConfigureAwait(false);
                ingest(path);
            }

            state.Submitted.Remove(batch);
            await state.SaveAsync(folder).ConfigureAwait(false);
            if (status.Status == "failed" && status.OutputFileId is null)
            {
                throw new BatchApiException($"batch {batch.Id} failed as a whole (status {status.Status}); see its errors in the batch dashboard, then run the build again");
            }
        }
    }
}
