using System.Diagnostics;
using ContribBot.Core.Text.NearDuplicates;
using ContribBot.Testing;

// Near-duplicate detection at build scale (MinHash signatures, LSH bands, each candidate confirmed on the exact
// shingle sets), on rows from NearDuplicateCorpus:
//   accuracy: 10,000 rows against the exact greedy answer (every earlier kept row sharing a shingle compared);
//   speed: ROWS rows (default 1,000,000) streamed through shingles, signatures (in parallel) and the index, beside an
//   ideal measured in the same run: shingling alone, the work no method can skip. Median of RUNS runs; peak RSS.
// Usage: dotnet run -c Release -- [ROWS=1000000] [RUNS=3] [THRESHOLD=0.8]
var rows = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
var threshold = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 0.8;
var hasher = new MinHash();
var bands = LshBands.For(threshold, hasher.Count);
Console.WriteLine($"Threshold {threshold}, {hasher.Count} hashes, bands {bands.Bands} × {bands.Rows}; candidate probability by Jaccard:");
foreach (var s in new[] { 0.3, 0.5, 0.6, 0.7, 0.8, 0.9 })
{
    Console.WriteLine(FormattableString.Invariant($"  s = {s:0.0}: {bands.CandidateProbability(s):0.000} (9 × 13: {new LshBands(9, 13).CandidateProbability(s):0.000})"));
}

// Accuracy.
var sample = new NearDuplicateCorpus(20261207).Take(10_000).Select(row => Shingles.Of(row)).ToList();
var truth = NearDuplicateCorpus.ExactDuplicates(sample, threshold);
var index = new NearDuplicateIndex(threshold, hasher, bands);
var found = new HashSet<int>();
for (var i = 0; i < sample.Count; i++) if (index.Admit(sample[i], hasher.Signature(sample[i])) is not null) found.Add(i);
var hits = found.Count(truth.Contains);
Console.WriteLine(FormattableString.Invariant(
    $"Accuracy on 10,000 rows: {truth.Count} near-duplicates exactly; found {found.Count}; recall {hits / (double)truth.Count:0.0000}, precision {hits / (double)found.Count:0.0000}; {index.Comparisons:N0} exact comparisons"));

// Speed.
var ideal = new List<double>();
var full = new List<double>();
long dropped = 0;
for (var run = 0; run < runs; run++)
{
    ideal.Add(Time(rows, shingleOnly: true, out _));
    full.Add(Time(rows, shingleOnly: false, out dropped));
    GC.Collect();
}

var medianFull = full.Order().ElementAt(full.Count / 2);
var medianIdeal = ideal.Order().ElementAt(ideal.Count / 2);
var each = string.Join(", ", full.Select(t => t.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)));
Console.WriteLine(FormattableString.Invariant(
    $"{rows:N0} rows: {medianFull:0.0} s (median of {runs}; runs {each}), {dropped:N0} dropped; shingling alone {medianIdeal:0.0} s: {medianFull / medianIdeal:0.00}× the ideal; ") +
    FormattableString.Invariant($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB; {Environment.ProcessorCount} cores"));

// The previous version's index (a merge with --near-duplicate-index): the kept rows of ROWS rows written and read back,
// put into a fresh index as kept (as the next merge does with the rows still in the dataset), then 100,000 new rows
// checked against them. Each step timed once. (RowDeduplicator.StartFrom does the same from row ids.)
GC.Collect();
var history = new List<(UInt128 Id, uint[] Shingles)>();
{
    var corpus = new NearDuplicateCorpus(7);
    var first = new NearDuplicateIndex(threshold, hasher, bands);
    for (var done = 0; done < rows; done += 8_192)
    {
        var texts = corpus.Take(Math.Min(8_192, rows - done));
        for (var i = 0; i < texts.Count; i++)
        {
            var shingles = Shingles.Of(texts[i]);
            if (first.Admit(shingles, hasher.Signature(shingles)) is null) history.Add(((UInt128)(done + i), shingles));
        }
    }
}

var file = Path.Combine(Path.GetTempPath(), $"contribbot-bench-{Environment.ProcessId}.index");
var step = Stopwatch.StartNew();
await ContribBot.Core.Runs.Build.NearDuplicateHistory.WriteAsync(file, Shingles.Words, history, CancellationToken.None);
var written = step.Elapsed.TotalSeconds;
var fileBytes = new FileInfo(file).Length;
history.Clear();
GC.Collect();
step.Restart();
var (read, _) = await ContribBot.Core.Runs.Build.NearDuplicateHistory.ReadAsync(file, CancellationToken.None);
var readTime = step.Elapsed.TotalSeconds;
File.Delete(file);
step.Restart();
var seeded = new NearDuplicateIndex(threshold, hasher, bands);
var previous = read!.Rows.Values.ToList();
var previousSignatures = new uint[8_192 * hasher.Count];
for (var start = 0; start < previous.Count; start += 8_192)
{
    var size = Math.Min(8_192, previous.Count - start);
    Parallel.For(0, size, i => hasher.Signature(previous[start + i], previousSignatures.AsSpan(i * hasher.Count, hasher.Count)));
    for (var i = 0; i < size; i++) seeded.Keep(previous[start + i], previousSignatures.AsSpan(i * hasher.Count, hasher.Count));
}
var seedTime = step.Elapsed.TotalSeconds;
step.Restart();
var fresh = new NearDuplicateCorpus(99).Take(100_000);
var againstPrevious = fresh.Count(text => seeded.Admit(text) is not null);
var newTime = step.Elapsed.TotalSeconds;
Console.WriteLine(FormattableString.Invariant(
    $"Previous-version index of {previous.Count:N0} kept rows: {fileBytes / (1024.0 * 1024):N0} MiB, written in {written:0.0} s, read in {readTime:0.0} s, put into a new index in {seedTime:0.0} s; ") +
    FormattableString.Invariant($"100,000 new rows checked against it in {newTime:0.0} s ({againstPrevious:N0} dropped); peak working set now {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB"));

// One pass: rows made in chunks (not timed), then shingled and signed in parallel and admitted in order (timed).
double Time(int count, bool shingleOnly, out long duplicates)
{
    var corpus = new NearDuplicateCorpus(7);
    var index = new NearDuplicateIndex(threshold, hasher, bands);
    var clock = new Stopwatch();
    duplicates = 0;
    const int chunk = 8_192;
    var shingles = new uint[chunk][];
    var signatures = new uint[chunk * hasher.Count];
    for (var done = 0; done < count; done += chunk)
    {
        var size = Math.Min(chunk, count - done);
        var texts = corpus.Take(size);
        clock.Start();
        Parallel.For(0, size, i =>
        {
            shingles[i] = Shingles.Of(texts[i]);
            if (!shingleOnly) hasher.Signature(shingles[i], signatures.AsSpan(i * hasher.Count, hasher.Count));
        });
        if (!shingleOnly)
        {
            for (var i = 0; i < size; i++) if (index.Admit(shingles[i], signatures.AsSpan(i * hasher.Count, hasher.Count)) is not null) duplicates++;
        }

        clock.Stop();
    }

    return clock.Elapsed.TotalSeconds;
}
