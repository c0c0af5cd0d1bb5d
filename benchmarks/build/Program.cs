using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ContribBot.Core.Reports.Dataset;
using ContribBot.Core.Runs.Build;
using ContribBot.Testing.FakeOpenAi;

// The dataset build against the in-process fake teacher with a fixed latency per call, in one run:
//  1. a full build of LEAVES generated freeform leaves at concurrency C: wall time against the ideal
//     ceil(calls / C) × latency;
//  2. a rebuild after one leaf changed: the calls it makes (goal: only that leaf's);
//  3. the same build in a child process killed with SIGKILL half-way, then resumed: calls repeated (goal ≤ C);
//  4. `contribbot merge` of 8 synthetic shards holding MERGE_ROWS rows in all, in a child process: wall time and peak
//     RSS (goal ≤ 60 s and ≤ 500 MB);
//  5. the full build again through the fake OpenAI Batch API (fresh cache): live calls, batch calls, rounds, and the
//     cost at batch price against the live build's.
// Usage: dotnet run -c Release -- CLI_DLL [LEAVES=200] [CONCURRENCY=8] [LATENCY_MS=50] [MERGE_ROWS=1000000]
var invariant = CultureInfo.InvariantCulture;
var cli = args[0];
var leaves = Arg(1, 200);
var concurrency = Arg(2, 8);
var latency = TimeSpan.FromMilliseconds(Arg(3, 50));
var mergeRows = Arg(4, 1_000_000);

var work = Directory.CreateTempSubdirectory("contribbot-build-bench-").FullName;
try
{
    var taxonomy = Path.Combine(work, "taxonomy");
    for (var i = 0; i < leaves; i++) WriteLeaf(taxonomy, i, "Write a short poem");
    // Five seeds a leaf, one draw each at three questions: 35 calls a leaf (questions, then an answer and a verdict each).
    Directory.CreateDirectory(Path.Combine(taxonomy, ".github"));
    File.WriteAllText(Path.Combine(taxonomy, ".github", "contribbot.yml"),
        $"generation:\n  concurrency: {concurrency}\n  samples_per_seed: 3\n  questions_per_call: 3\n");

    await using var server = await FakeOpenAiServer.StartAsync();
    server.Latency = latency;
    // Replies from the prompt alone, so calls in flight at the kill get the same reply when sent again.
    server.Responder = new ScriptedTeacher { Stateless = true }.Reply;
    var environment = new Dictionary<string, string> { ["CONTRIBBOT_CACHE_DIR"] = Path.Combine(work, "home-cache") };

    // 1. Full build.
    var clock = Stopwatch.StartNew();
    var full = await BuildAsync("full", "cache-a");
    clock.Stop();
    if (full.Failed.FirstOrDefault() is { } failed) throw new InvalidOperationException($"{failed.Leaf} failed: {failed.Failure}");
    var fullCalls = server.Calls.Count;
    var ideal = Math.Ceiling((double)fullCalls / concurrency) * latency.TotalSeconds;
    Console.WriteLine(string.Format(invariant, "full build: {0} leaves, {1} calls, {2:0.00} s (ideal {3:0.00} s), ratio {4:0.000}, {5} rows; max in flight {6}",
        leaves, fullCalls, clock.Elapsed.TotalSeconds, ideal, clock.Elapsed.TotalSeconds / ideal, full.Dataset!.Files.Where(f => f.Name.EndsWith(".jsonl", StringComparison.Ordinal)).Sum(f => f.Rows), server.MaxConcurrentRequests));

    // 2. One leaf changed.
    WriteLeaf(taxonomy, 0, "Write a short funny poem");
    var before = server.Calls.Count;
    clock.Restart();
    var rebuild = await BuildAsync("rebuild", "cache-a");
    clock.Stop();
    var perLeaf = (double)fullCalls / leaves;
    Console.WriteLine(string.Format(invariant, "rebuild, one leaf changed: {0} calls ({1:0} per leaf in the full build), {2} of {3} leaves from the cache, {4:0.00} s",
        server.Calls.Count - before, perLeaf, rebuild.CachedLeaves, leaves, clock.Elapsed.TotalSeconds));
    WriteLeaf(taxonomy, 0, "Write a short poem");

    // 3. Killed half-way, resumed.
    before = server.Calls.Count;
    var child = new ProcessStartInfo("dotnet")
    {
        ArgumentList = { cli, "build", taxonomy, "--out", Path.Combine(work, "killed"), "--cache", Path.Combine(work, "cache-b"), "--teacher-url", server.BaseUrl.ToString(), "--model", "bench-teacher" },
        RedirectStandardError = true,
        RedirectStandardOutput = true,
    };
    child.Environment["CONTRIBBOT_CACHE_DIR"] = environment["CONTRIBBOT_CACHE_DIR"];
    using (var process = Process.Start(child)!)
    {
        while (server.Calls.Count - before < fullCalls / 2 && !process.HasExited) await Task.Delay(5);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    var sentBefore = server.Calls.Count - before;
    before = server.Calls.Count;
    var resumed = await BuildAsync("resumed", "cache-b");
    var sentAfter = server.Calls.Count - before;
    var same = Same(Path.Combine(work, "full"), Path.Combine(work, "resumed"));
    Console.WriteLine(string.Format(invariant, "killed after {0} calls, resumed with {1} more: {2} repeated, {3} replayed from the journal; dataset {4} the full build's",
        sentBefore, sentAfter, sentBefore + sentAfter - fullCalls, resumed.ReplayedCalls, same ? "identical to" : "DIFFERENT from"));

    // 4. Merge of 8 shards.
    var shards = WriteShards(Path.Combine(work, "shards"), 8, mergeRows);
    var time = new ProcessStartInfo("/usr/bin/time", ["-f", "%e %M", "-o", Path.Combine(work, "merge.time"), "dotnet", cli, "merge", .. shards, "--out", Path.Combine(work, "merged")])
    {
        RedirectStandardError = true,
        RedirectStandardOutput = true,
    };
    using (var merge = Process.Start(time)!)
    {
        var stderr = await merge.StandardError.ReadToEndAsync();
        await merge.WaitForExitAsync();
        if (merge.ExitCode != 0) throw new InvalidOperationException("merge failed: " + stderr);
    }

    var measured = File.ReadAllLines(Path.Combine(work, "merge.time")).Last().Split(' ');
    var bytes = shards.Sum(shard => new DirectoryInfo(shard).EnumerateFiles().Sum(file => file.Length));
    Console.WriteLine(string.Format(invariant, "merge: 8 shards, {0} rows, {1:0} MB of rows: {2} s, peak RSS {3:0} MB",
        mergeRows, bytes / 1e6, measured[0], double.Parse(measured[1], invariant) / 1024));

    // 5. The same build through the batch API.
    before = server.Calls.Count;
    var batchedBefore = server.Batches.Calls.Count;
    clock.Restart();
    var batched = await BuildAsync("batched", "cache-c", BatchMode.OpenAi);
    clock.Stop();
    Console.WriteLine(string.Format(invariant, "batch build: {0} live calls, {1} batch calls in {2} rounds ({3} batches), {4:0.00} s; cost ${5:0.0000} at batch price vs ${6:0.0000} live; dataset {7} the full build's",
        server.Calls.Count - before, server.Batches.Calls.Count - batchedBefore, batched.BatchRounds, server.Batches.BatchesCreated, clock.Elapsed.TotalSeconds,
        batched.Cost, full.Cost, Same(Path.Combine(work, "full"), Path.Combine(work, "batched")) ? "identical to" : "DIFFERENT from"));

    async Task<BuildOutcome> BuildAsync(string output, string cache, BatchMode batch = BatchMode.Live) =>
        await DatasetBuild.RunAsync(new BuildSettings(taxonomy, Path.Combine(work, output))
        {
            CacheDirectory = Path.Combine(work, cache),
            TeacherUrl = server.BaseUrl.ToString(),
            Model = "bench-teacher",
            Batch = batch,
            BatchPollInterval = TimeSpan.FromMilliseconds(50),
        }, name => environment.GetValueOrDefault(name), null, CancellationToken.None);
}
finally
{
    Directory.Delete(work, recursive: true);
}

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

static void WriteLeaf(string taxonomy, int i, string task)
{
    var folder = Path.Combine(taxonomy, "compositional_skills", "bench", $"leaf_{i:0000}");
    Directory.CreateDirectory(folder);
    var seeds = new StringBuilder();
    foreach (var subject in new[] { "the sea", "a mountain", "the first frost", "an old bridge", "a night train" })
    {
        seeds.Append("  - question: ").Append(task).Append(" about ").Append(subject).Append(" number ").Append(i).Append(".\n")
            .Append("    answer: A poem about ").Append(subject).Append(", in four short lines that rhyme.\n");
    }

    File.WriteAllText(Path.Combine(folder, "qna.yaml"),
        $"version: 3\ntask_description: {task}s on a subject, leaf {i}.\ncreated_by: bench-author\nseed_examples:\n{seeds}");
    File.WriteAllText(Path.Combine(folder, "attribution.txt"), "Title of work: Benchmark\nLicense of the work: CC BY 4.0\nCreator names: Bench Author\n");
}

static bool Same(string a, string b) => DatasetFiles.All.All(name => File.ReadAllBytes(Path.Combine(a, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, name))));

// Shards of synthetic rows, written as a build writes them: each leaf's rows a byte range, every file with its SHA-256.
static List<string> WriteShards(string root, int count, int rows)
{
    const int RowsPerLeaf = 125;
    var leafCount = Math.Max(count, rows / RowsPerLeaf);
    var partition = Enumerable.Range(0, leafCount).Select(i => new PartitionEntry($"compositional_skills/bench/leaf_{i:000000}", i % count + 1)).ToList();
    var folders = new List<string>();
    for (var shard = 1; shard <= count; shard++)
    {
        var folder = Path.Combine(root, $"shard-{shard}");
        Directory.CreateDirectory(folder);
        var shardLeaves = new List<ShardLeaf>();
        var files = new List<ShardFile>();
        using var skills = new FileStream(Path.Combine(folder, DatasetFiles.Skills), FileMode.Create);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long written = 0;
        foreach (var entry in partition.Where(entry => entry.Shard == shard))
        {
            var offset = skills.Position;
            for (var r = 0; r < RowsPerLeaf; r++)
            {
                var line = Encoding.UTF8.GetBytes(
                    $"{{\"id\":\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entry.Leaf + r)))[..32]}\",\"messages\":[{{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"}}," +
                    $"{{\"role\":\"user\",\"content\":\"Write a short poem about subject {r} of {entry.Leaf}.\"}},{{\"role\":\"assistant\",\"content\":\"Lines about subject {r}, four of them, that rhyme and scan.\"}}]," +
                    $"\"metadata\":\"{{\\\"leaf\\\":\\\"{entry.Leaf}\\\",\\\"synthetic\\\":true}}\",\"unmask\":false}}\n");
                skills.Write(line);
                hash.AppendData(line);
            }

            written += RowsPerLeaf;
            shardLeaves.Add(new ShardLeaf(entry.Leaf, "freeform_skill", "key", false, RowsPerLeaf, RowsPerLeaf, new Dictionary<string, int>(), 0, 0, 0, null,
                [new RowRange(DatasetFiles.Skills, offset, skills.Position - offset, RowsPerLeaf)]));
        }

        files.Add(new ShardFile(DatasetFiles.Skills, skills.Length, Convert.ToHexStringLower(hash.GetHashAndReset()), written));
        foreach (var empty in new[] { DatasetFiles.Knowledge, DatasetFiles.Test })
        {
            File.WriteAllBytes(Path.Combine(folder, empty), []);
            files.Add(new ShardFile(empty, 0, Convert.ToHexStringLower(SHA256.HashData([])), 0));
        }

        var manifest = new ShardManifest(ShardManifest.CurrentFormat, "c0ffee", new string('a', 64), "bench-teacher", "bench-teacher", shard, count, partition, shardLeaves, files);
        File.WriteAllText(Path.Combine(folder, ShardManifest.FileName), manifest.ToJson());
        folders.Add(folder);
    }

    return folders;
}
