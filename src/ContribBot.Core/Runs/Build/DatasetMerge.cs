using System.Security.Cryptography;
using ContribBot.Core.Reports.Dataset;
using ContribBot.Core.Runs.Files;

namespace ContribBot.Core.Runs.Build;

/// <summary>
/// The use case "merge shards into a dataset": every shard must come from the same taxonomy commit and recipe, every
/// shard number from 1 to N must be there once, the partition must agree, every leaf must be built by the shard the
/// partition names and by no other, and every file must match its SHA-256. Rows are then copied leaf by leaf in path
/// order, a byte range at a time, so memory stays flat however large the dataset; files appear under their names only
/// once complete. With the settings for them, near-duplicate rows are dropped on the way (against the previous
/// version's index first), the mix is sampled after each phase's generated rows, and the whole-dataset gates are
/// checked before the manifest and the card, which a failing dataset does not get.
/// </summary>
public static class DatasetMerge
{
    private const int MaxListed = 10;

    /// <exception cref="MergeException">The shards cannot be joined; the message says which and why.</exception>
    public static async Task<DatasetManifest> RunAsync(
        IReadOnlyList<string> shardDirectories, string outDirectory, MergeOptions options, CancellationToken cancellationToken)
    {
        if (shardDirectories.Count == 0) throw new MergeException("no shard folders given; pass the folders written by `contribbot build --shard K/N --out DIR`.");
        var shards = new List<(string Directory, ShardManifest Manifest)>();
        foreach (var directory in shardDirectories) shards.Add((directory, await ReadAsync(directory, cancellationToken).ConfigureAwait(false)));
        Agree(shards);
        var owners = Owners(shards);
        foreach (var (directory, manifest) in shards) await VerifyAsync(directory, manifest, cancellationToken).ConfigureAwait(false);

        var leaves = owners.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (Leaf: pair.Value.Leaf, pair.Value.Directory)).ToList();
        var failed = leaves.Where(leaf => leaf.Leaf.Failure is not null).ToList();
        if (failed.Count > 0 && !options.AllowPartial)
        {
            throw new MergeException($"{failed.Count} leaf(s) failed or were not built: " +
                                     string.Join("; ", failed.Take(MaxListed).Select(leaf => $"{leaf.Leaf.Leaf} ({leaf.Leaf.Failure})")) +
                                     (failed.Count > MaxListed ? "; …" : string.Empty) +
                                     ". Build them again, or pass --allow-partial to publish without them (the card says so).");
        }

        Directory.CreateDirectory(outDirectory);
        var files = new List<ShardFile>();
        var deduplicator = shards[0].Manifest.NearDuplicateThreshold is { } threshold ? new RowDeduplicator(threshold) : null;
        if (deduplicator is not null && options.NearDuplicateIndex is { } indexPath)
        {
            var (history, ignored) = await NearDuplicateHistory.ReadAsync(indexPath, cancellationToken).ConfigureAwait(false);
            var current = history is null ? [] : await CurrentIdsAsync(leaves, cancellationToken).ConfigureAwait(false);
            deduplicator.StartFrom(history, ignored, current);
        }

        var droppedRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var mixes = shards[0].Manifest.Mix ?? [];
        if (mixes.Count > 0 && options.TaxonomyRoot is null)
        {
            throw new MergeException($"the shards replay {mixes.Count} mix file(s) ({string.Join(", ", mixes.Select(mix => mix.Source.Path))}): pass --taxonomy PATH, the taxonomy they were built from.");
        }

        var mixed = new List<MixedIn>();
        long generatedRows = 0;
        foreach (var name in DatasetFiles.All)
        {
            // The seeds (the test split) are never dropped: they are the held-out set, not training data.
            var filter = name == DatasetFiles.Test ? null : deduplicator;
            var phase = name == DatasetFiles.Knowledge ? Configuration.MixSource.KnowledgePhase : name == DatasetFiles.Skills ? Configuration.MixSource.SkillsPhase : null;
            var replay = mixes.Where(mix => mix.Source.Phase == phase).ToList();
            var file = await CopyAsync(name, leaves, outDirectory, filter, droppedRows, async (generated, output, hash) =>
            {
                if (phase is null) return 0; // the test split: the seeds, human-written, never mixed into
                generatedRows += generated;
                long added = 0;
                foreach (var mix in replay)
                {
                    var result = await ReplayMix.AppendAsync(mix, options.TaxonomyRoot!, generated, output, hash, cancellationToken).ConfigureAwait(false);
                    mixed.Add(result);
                    added += result.Rows;
                }

                return added;
            }, cancellationToken).ConfigureAwait(false);
            files.Add(file);
        }

        var trainingRows = files.Where(file => file.Name != DatasetFiles.Test).Sum(file => file.Rows);
        var syntheticRows = generatedRows + mixed.Sum(mix => (long)mix.SyntheticRows);
        var share = trainingRows == 0 ? 0 : Math.Round((double)syntheticRows / trainingRows, 4);
        var gates = shards[0].Manifest.Gates;
        var withDropped = leaves.Select(leaf => WithDropped(leaf.Leaf, droppedRows.GetValueOrDefault(leaf.Leaf.Leaf))).ToList();
        if (gates?.Check(withDropped, syntheticRows, trainingRows) is { } gateFailure)
        {
            // No manifest and no card: without them the folder is not a dataset, and nothing publishes it.
            throw new MergeException($"the dataset failed its gates: {gateFailure}. The dataset was not written (no manifest.json or README.md; its row files are left for a look).");
        }

        foreach (var name in DatasetFiles.All) files.Add(await ParquetAsync(name, outDirectory, cancellationToken).ConfigureAwait(false));
        if (deduplicator is not null && options.NearDuplicateIndex is { } writeTo)
        {
            await NearDuplicateHistory.WriteAsync(writeTo, Text.NearDuplicates.Shingles.Words, deduplicator.KeptRows(), cancellationToken).ConfigureAwait(false);
        }

        var first = shards[0].Manifest;
        var manifestOut = new DatasetManifest(DatasetManifest.CurrentFormat, first.TaxonomyCommit, first.RecipeHash, first.TeacherModel, first.CriticModel,
            first.Shards, failed.Count > 0, withDropped.Select(leaf => leaf with { Ranges = [] }).ToList(), files)
        {
            Reviews = first.Reviews,
            NearDuplicates = deduplicator?.Summary,
            PersonalData = shards.Select(shard => shard.Manifest.PersonalData).Aggregate((a, b) => a is null || b is null ? a ?? b : a.Plus(b)),
            Decontamination = shards.Select(shard => shard.Manifest.Decontamination).Aggregate((a, b) => a is null || b is null ? a ?? b : a.Plus(b)),
            Mix = mixed.Count > 0 ? mixed : null,
            SyntheticShare = share,
            Gates = gates,
        };
        await AtomicFile.WriteAsync(Path.Combine(outDirectory, DatasetManifest.FileName), manifestOut.ToJson()).ConfigureAwait(false);
        await AtomicFile.WriteAsync(Path.Combine(outDirectory, "README.md"), DatasetCard.Render(manifestOut, options.License, options.Language)).ConfigureAwait(false);
        return manifestOut;
    }

    private static async Task<ShardManifest> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, ShardManifest.FileName);
        if (!File.Exists(path)) throw new MergeException($"{directory}: no {ShardManifest.FileName}; is this a folder written by `contribbot build --shard K/N`?");
        if (new FileInfo(path).Length > 256 * 1024 * 1024) throw new MergeException($"{path} is larger than 256 MiB; not a shard manifest.");
        try
        {
            return ShardManifest.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        }
        catch (InvalidDataException exception)
        {
            throw new MergeException($"{path}: {exception.Message}", exception);
        }
    }

    private static string Describe(Quality.Review.ReviewSummary? reviews) => reviews is null ? "none" : $"{reviews.Reviewed} verdict(s)";

    /// <summary>One taxonomy commit, one recipe, one shard count, every shard number once, one partition.</summary>
    private static void Agree(List<(string Directory, ShardManifest Manifest)> shards)
    {
        var first = shards[0].Manifest;
        foreach (var (directory, manifest) in shards.Skip(1))
        {
            if (!(manifest.Decontamination?.Sets ?? []).SequenceEqual(first.Decontamination?.Sets ?? []) || (manifest.Decontamination is null) != (first.Decontamination is null))
            {
                throw new MergeException($"{directory} was built with other build.decontaminate sets than {shards[0].Directory}; build every shard with the same settings.");
            }

            if (manifest.PersonalData?.Action != first.PersonalData?.Action)
            {
                throw new MergeException($"{directory} was built with build.personal_data {manifest.PersonalData?.Action ?? "off"}, {shards[0].Directory} with " +
                                         $"{first.PersonalData?.Action ?? "off"}; build every shard with the same settings.");
            }

            if (manifest.NearDuplicateThreshold != first.NearDuplicateThreshold)
            {
                throw new MergeException($"{directory} was built with build.near_duplicates {manifest.NearDuplicateThreshold?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off"}, " +
                                         $"{shards[0].Directory} with {first.NearDuplicateThreshold?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off"}; build every shard with the same settings.");
            }

            if (!(manifest.Mix ?? []).SequenceEqual(first.Mix ?? []) || manifest.Gates != first.Gates)
            {
                throw new MergeException($"{directory} was built with another mix: or other gates than {shards[0].Directory}; build every shard with the same settings.");
            }

            if (manifest.Reviews != first.Reviews)
            {
                throw new MergeException($"{directory} was built with other reviews than {shards[0].Directory} ({Describe(manifest.Reviews)} against {Describe(first.Reviews)}); " +
                                         "give every shard the same --reviews file.");
            }

            if (manifest.TaxonomyCommit != first.TaxonomyCommit)
            {
                throw new MergeException($"{directory} was built from taxonomy commit {manifest.TaxonomyCommit ?? "(none)"}, {shards[0].Directory} from {first.TaxonomyCommit ?? "(none)"}; build every shard from the same commit.");
            }

            if (manifest.RecipeHash != first.RecipeHash)
            {
                throw new MergeException($"{directory} was built with other settings, prompts or models than {shards[0].Directory} (recipe {manifest.RecipeHash[..12]} vs {first.RecipeHash[..12]}).");
            }

            if (manifest.Shards != first.Shards) throw new MergeException($"{directory} is one of {manifest.Shards} shards, {shards[0].Directory} one of {first.Shards}.");
            if (!manifest.Partition.SequenceEqual(first.Partition)) throw new MergeException($"{directory} and {shards[0].Directory} split the leaves differently.");
        }

        var numbers = shards.GroupBy(shard => shard.Manifest.Shard).ToList();
        if (numbers.FirstOrDefault(group => group.Count() > 1) is { } doubled)
        {
            throw new MergeException($"shard {doubled.Key}/{first.Shards} is given twice ({string.Join(", ", doubled.Select(shard => shard.Directory))}).");
        }

        var missing = Enumerable.Range(1, first.Shards).Except(numbers.Select(group => group.Key)).ToList();
        if (missing.Count > 0) throw new MergeException($"shard(s) {string.Join(", ", missing.Select(n => $"{n}/{first.Shards}"))} missing; merge needs all {first.Shards}.");
    }

    /// <summary>Each leaf of the partition, built by exactly the shard the partition names.</summary>
    private static Dictionary<string, (ShardLeaf Leaf, string Directory)> Owners(List<(string Directory, ShardManifest Manifest)> shards)
    {
        var partition = shards[0].Manifest.Partition.ToDictionary(entry => entry.Leaf, entry => entry.Shard, StringComparer.Ordinal);
        var owners = new Dictionary<string, (ShardLeaf Leaf, string Directory)>(StringComparer.Ordinal);
        foreach (var (directory, manifest) in shards)
        {
            foreach (var leaf in manifest.Leaves)
            {
                if (!partition.TryGetValue(leaf.Leaf, out var shard) || shard != manifest.Shard)
                {
                    throw new MergeException($"{directory} holds {leaf.Leaf}, which the partition gives to shard {(partition.TryGetValue(leaf.Leaf, out var other) ? other.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}.");
                }

                if (!owners.TryAdd(leaf.Leaf, (leaf, directory))) throw new MergeException($"{leaf.Leaf} is in {directory} twice.");
            }
        }

        var absent = partition.Keys.Where(leaf => !owners.ContainsKey(leaf)).Order(StringComparer.Ordinal).ToList();
        if (absent.Count > 0)
        {
            throw new MergeException($"{absent.Count} leaf(s) of the partition are in no shard: {string.Join(", ", absent.Take(MaxListed))}{(absent.Count > MaxListed ? ", …" : string.Empty)}.");
        }

        return owners;
    }

    /// <summary>Every file the manifest names is there, of its size, with its SHA-256; every range lies inside its file.</summary>
    private static async Task VerifyAsync(string directory, ShardManifest manifest, CancellationToken cancellationToken)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in DatasetFiles.All)
        {
            var expected = manifest.Files.FirstOrDefault(file => file.Name == name) ?? throw new MergeException($"{directory}: the manifest names no {name}.");
            var path = Path.Combine(directory, name);
            if (!File.Exists(path)) throw new MergeException($"{path} is missing.");
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            if (stream.Length != expected.Bytes) throw new MergeException($"{path} has {stream.Length} bytes, the manifest says {expected.Bytes}; rebuild the shard.");
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            if (actual != expected.Sha256) throw new MergeException($"{path} does not match its SHA-256 in the manifest; it is damaged or was changed. Rebuild the shard.");
            sizes[name] = expected.Bytes;
        }

        foreach (var leaf in manifest.Leaves)
        {
            foreach (var range in leaf.Ranges)
            {
                if (!sizes.TryGetValue(range.File, out var size) || range.Offset < 0 || range.Length < 0 || range.Offset + range.Length > size)
                {
                    throw new MergeException($"{directory}: the rows of {leaf.Leaf} in {range.File} lie outside the file; rebuild the shard.");
                }
            }
        }
    }

    /// <summary>The ids of every training row the shards hold (before any is dropped), read a leaf's range at a time.</summary>
    private static async Task<HashSet<UInt128>> CurrentIdsAsync(List<(ShardLeaf Leaf, string Directory)> leaves, CancellationToken cancellationToken)
    {
        var ids = new HashSet<UInt128>();
        foreach (var (leaf, directory) in leaves)
        {
            foreach (var range in leaf.Ranges.Where(range => range.File != DatasetFiles.Test && range.Length > 0))
            {
                await using var input = new FileStream(Path.Combine(directory, range.File), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                input.Seek(range.Offset, SeekOrigin.Begin);
                var bytes = new byte[range.Length];
                await input.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                try
                {
                    ids.UnionWith(RowDeduplicator.Ids(Lines(bytes)));
                }
                catch (System.Text.Json.JsonException exception)
                {
                    throw new MergeException($"{Path.Combine(directory, range.File)}: a row of {leaf.Leaf} is not a training row ({exception.Message}); rebuild the shard.", exception);
                }
            }
        }

        return ids;
    }

    private static List<ReadOnlyMemory<byte>> Lines(byte[] bytes)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        for (var start = 0; start < bytes.Length;)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var next = end < 0 ? bytes.Length : end + 1;
            lines.Add(bytes.AsMemory(start, next - start));
            start = next;
        }

        return lines;
    }

    /// <summary>A leaf's counts after <paramref name="dropped"/> of its rows went as near-duplicates of rows kept before them.</summary>
    private static ShardLeaf WithDropped(ShardLeaf leaf, int dropped)
    {
        if (dropped == 0) return leaf;
        var reasons = new SortedDictionary<string, int>(leaf.Dropped.ToDictionary(), StringComparer.Ordinal);
        reasons[Generation.DropReasons.DatasetNearDuplicate] = reasons.GetValueOrDefault(Generation.DropReasons.DatasetNearDuplicate) + dropped;
        return leaf with { Kept = leaf.Kept - dropped, Dropped = reasons };
    }

    /// <param name="filter">Drops near-duplicate rows as they are copied (the rows of each leaf are then read whole); null: byte ranges copied as they are.</param>
    /// <param name="append">Writes rows after the leaves' (the mix), given how many the leaves gave; returns how many it wrote.</param>
    private static async Task<ShardFile> CopyAsync(
        string name, List<(ShardLeaf Leaf, string Directory)> leaves, string outDirectory, RowDeduplicator? filter, Dictionary<string, int> droppedRows,
        Func<long, Stream, IncrementalHash, Task<long>> append, CancellationToken cancellationToken)
    {
        long rows = 0, bytes = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        await AtomicFile.WriteAsync(Path.Combine(outDirectory, name), async output =>
        {
            var open = new Dictionary<string, FileStream>(StringComparer.Ordinal);
            try
            {
                foreach (var (leaf, directory) in leaves)
                {
                    foreach (var range in leaf.Ranges.Where(range => range.File == name && range.Length > 0))
                    {
                        var source = Path.Combine(directory, name);
                        if (!open.TryGetValue(source, out var input)) open[source] = input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                        input.Seek(range.Offset, SeekOrigin.Begin);
                        if (filter is not null)
                        {
                            var kept = await CopyKeptRowsAsync(input, range, source, leaf.Leaf, output, hash, filter, cancellationToken).ConfigureAwait(false);
                            if (kept < range.Rows) droppedRows[leaf.Leaf] = droppedRows.GetValueOrDefault(leaf.Leaf) + range.Rows - kept;
                            rows += kept;
                            continue;
                        }

                        for (var left = range.Length; left > 0;)
                        {
                            var read = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
                            if (read == 0) throw new MergeException($"{source} ended inside the rows of {leaf.Leaf}; rebuild the shard.");
                            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                            hash.AppendData(buffer, 0, read);
                            left -= read;
                        }

                        rows += range.Rows;
                    }
                }
            }
            finally
            {
                foreach (var input in open.Values) await input.DisposeAsync().ConfigureAwait(false);
            }

            rows += await append(rows, output, hash).ConfigureAwait(false);
            bytes = output.Length;
        }).ConfigureAwait(false);
        return new ShardFile(name, bytes, Convert.ToHexStringLower(hash.GetHashAndReset()), rows);
    }

    /// <summary>A leaf's rows read whole and copied but for the near-duplicates; the rows kept.</summary>
    private static async Task<int> CopyKeptRowsAsync(
        FileStream input, RowRange range, string source, string leaf, Stream output, IncrementalHash hash, RowDeduplicator filter, CancellationToken cancellationToken)
    {
        var bytes = new byte[range.Length];
        await input.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        var lines = Lines(bytes);

        bool[] keep;
        try
        {
            keep = filter.Keep(lines);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new MergeException($"{source}: a row of {leaf} is not a training row ({exception.Message}); rebuild the shard.", exception);
        }

        var kept = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!keep[i]) continue;
            await output.WriteAsync(lines[i], cancellationToken).ConfigureAwait(false);
            hash.AppendData(lines[i].Span);
            kept++;
        }

        return kept;
    }

    /// <summary>The merged JSONL file again as Parquet, under <c>data/</c>.</summary>
    private static async Task<ShardFile> ParquetAsync(string name, string outDirectory, CancellationToken cancellationToken)
    {
        var relative = ParquetRows.FileFor(name);
        var path = Path.Combine(outDirectory, relative);
        long rows = 0;
        await AtomicFile.WriteAsync(path, async output => rows = await ParquetRows.WriteAsync(Path.Combine(outDirectory, name), output, cancellationToken).ConfigureAwait(false))
            .ConfigureAwait(false);
        await using var written = File.OpenRead(path);
        return new ShardFile(relative, written.Length, Convert.ToHexStringLower(await SHA256.HashDataAsync(written, cancellationToken).ConfigureAwait(false)), rows);
    }
}
