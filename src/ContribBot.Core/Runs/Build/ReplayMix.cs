using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContribBot.Core.Configuration;
using ContribBot.Core.Reports.Dataset;

namespace ContribBot.Core.Runs.Build;

/// <summary>A <c>mix:</c> entry as the build found it: the file's SHA-256, so merge reads exactly what the build saw.</summary>
public sealed record MixEntry([property: JsonPropertyName("source")] MixSource Source, [property: JsonPropertyName("sha256")] string Sha256);

/// <summary>What a <c>mix:</c> entry put into the dataset: rows sampled of the rows available, and how many of them were machine-written.</summary>
public sealed record MixedIn(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("askedRows")] int? AskedRows,
    [property: JsonPropertyName("ratio")] double? Ratio,
    [property: JsonPropertyName("available")] int Available,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("syntheticRows")] int SyntheticRows);

/// <summary>
/// Replay: rows of local datasets sampled into a phase's training file beside the synthetic rows. The sample is drawn
/// with the entry's fixed seed (a partial Fisher–Yates shuffle of the row numbers) and written in file order, so the
/// same file and settings give the same bytes. Every row must be a messages-format row (user and assistant turns); it
/// is written in the dataset's row shape, its metadata naming the file and line it came from.
/// </summary>
public static class ReplayMix
{
    public const long MaxFileBytes = 4L * 1024 * 1024 * 1024;
    public const int MaxLineLength = 4 * 1024 * 1024;

    /// <summary>The entries with the SHA-256 of their files, read from the taxonomy the build runs on.</summary>
    /// <exception cref="ConfigException">A file is missing, not a regular file inside the taxonomy, or too large.</exception>
    public static async Task<IReadOnlyList<MixEntry>> ResolveAsync(string taxonomyRoot, IReadOnlyList<MixSource> sources, CancellationToken cancellationToken)
    {
        var entries = new List<MixEntry>();
        foreach (var source in sources)
        {
            var path = Locate(taxonomyRoot, source, message => new ConfigException(message));
            await using var stream = File.OpenRead(path);
            entries.Add(new MixEntry(source, Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false))));
        }

        return entries;
    }

    /// <summary>The file of an entry, checked: inside the root, not a link out of it, not a device, within the size bound.</summary>
    internal static string Locate(string taxonomyRoot, MixSource source, Func<string, Exception> error)
    {
        var root = Path.GetFullPath(taxonomyRoot);
        var path = Path.GetFullPath(Path.Combine(root, source.Path));
        if (!path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw error($"mix: {source.Path} is outside {taxonomyRoot}.");
        if (!File.Exists(path)) throw error($"mix: {source.Path} does not exist under {taxonomyRoot}.");
        if (Limits.FileKind.Of(path, followLinks: false) is Limits.FileKindValue.SymbolicLink) throw error($"mix: {source.Path} is a symbolic link; commit the file itself.");
        if (Limits.FileKind.Of(path, followLinks: true) is Limits.FileKindValue.Special) throw error($"mix: {source.Path} is not a regular file.");
        if (new FileInfo(path).Length > MaxFileBytes) throw error($"mix: {source.Path} is larger than {MaxFileBytes / (1024 * 1024 * 1024)} GiB.");
        return path;
    }

    /// <summary>Samples an entry's rows and writes them to <paramref name="output"/> (hashing what it writes).</summary>
    /// <param name="syntheticRows">The synthetic rows already in the phase's file, which a ratio is taken of.</param>
    /// <exception cref="MergeException">The file changed since the build, or a line is not a messages-format row.</exception>
    public static async Task<MixedIn> AppendAsync(
        MixEntry entry, string taxonomyRoot, long syntheticRows, Stream output, IncrementalHash hash, CancellationToken cancellationToken)
    {
        var source = entry.Source;
        var path = Locate(taxonomyRoot, source, message => new MergeException(message));
        await using (var check = File.OpenRead(path))
        {
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(check, cancellationToken).ConfigureAwait(false));
            if (actual != entry.Sha256) throw new MergeException($"mix: {source.Path} changed since the build (SHA-256 {actual[..12]}, the shards say {entry.Sha256[..12]}); build again.");
        }

        var lines = new List<int>();
        await foreach (var (number, _) in ReadAsync(path, source.Path, cancellationToken).ConfigureAwait(false)) lines.Add(number);
        var wanted = source.Rows ?? (int)Math.Min(int.MaxValue, Math.Round(source.Ratio!.Value * syntheticRows, MidpointRounding.AwayFromZero));
        var chosen = Choose(lines, wanted, source.Seed);

        var unmask = source.Phase == MixSource.KnowledgePhase;
        int rows = 0, synthetic = 0;
        await foreach (var (number, line) in ReadAsync(path, source.Path, cancellationToken).ConfigureAwait(false))
        {
            if (!chosen.Contains(number)) continue;
            var (row, isSynthetic) = Row(source, number, line, unmask);
            var bytes = System.Text.Encoding.UTF8.GetBytes(row);
            await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            hash.AppendData(bytes);
            rows++;
            if (isSynthetic) synthetic++;
        }

        return new MixedIn(source.Path, source.Phase, entry.Sha256, source.Seed, source.Rows, source.Ratio, lines.Count, rows, synthetic);
    }

    /// <summary>
    /// <paramref name="wanted"/> of the line numbers, drawn without replacement with a fixed seed (all of them when
    /// fewer are there). <see cref="Random(int)"/> with a seed gives the same sequence on every .NET version.
    /// </summary>
    internal static HashSet<int> Choose(IReadOnlyList<int> lines, int wanted, int seed)
    {
        if (wanted >= lines.Count) return [.. lines];
        var order = lines.ToArray();
        var random = new Random(seed);
        for (var i = 0; i < wanted; i++)
        {
            var j = random.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return [.. order.Take(wanted)];
    }

    private static async IAsyncEnumerable<(int Number, string Line)> ReadAsync(
        string path, string name, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        var lines = Text.JsonLines.ReadAsync(reader, name, MaxLineLength, cancellationToken).ConfigureAwait(false);
        await using var enumerator = lines.GetAsyncEnumerator();
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync()) yield break;
            }
            catch (InvalidDataException exception)
            {
                throw new MergeException($"mix: {exception.Message}.", exception);
            }

            yield return enumerator.Current;
        }
    }

    /// <summary>The row in the dataset's shape, and whether it was machine-written.</summary>
    private static (string Row, bool Synthetic) Row(MixSource source, int number, string line, bool unmask)
    {
        try
        {
            using var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
            {
                throw Bad(source, number, "not a JSON object with a messages array");
            }

            var turns = new List<(string Role, string Content)>();
            foreach (var message in messages.EnumerateArray())
            {
                if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String ||
                    !message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String ||
                    role.GetString() is not ("system" or "user" or "assistant"))
                {
                    throw Bad(source, number, "a message is not { \"role\": \"system\" | \"user\" | \"assistant\", \"content\": \"...\" }");
                }

                turns.Add((role.GetString()!, content.GetString()!));
            }

            if (!turns.Any(turn => turn.Role == "user" && turn.Content.Trim().Length > 0) || !turns.Any(turn => turn.Role == "assistant" && turn.Content.Trim().Length > 0))
            {
                throw Bad(source, number, "the row needs a user and an assistant message with text");
            }

            var synthetic = source.Synthetic ?? MarkedSynthetic(root);
            return (TrainingRows.Replayed(source.Path, number, turns, synthetic, unmask), synthetic);
        }
        catch (JsonException exception)
        {
            throw Bad(source, number, $"not JSON ({exception.Message})");
        }
    }

    /// <summary>A row of a dataset like ours says so in its metadata (a JSON string, or an object).</summary>
    private static bool MarkedSynthetic(JsonElement root)
    {
        if (!root.TryGetProperty("metadata", out var metadata)) return false;
        if (metadata.ValueKind == JsonValueKind.String)
        {
            using var inner = JsonDocument.Parse(metadata.GetString()!, new JsonDocumentOptions { MaxDepth = 16 });
            return Synthetic(inner.RootElement);
        }

        return Synthetic(metadata);

        static bool Synthetic(JsonElement value) =>
            value.ValueKind == JsonValueKind.Object && value.TryGetProperty("synthetic", out var flag) && flag.ValueKind == JsonValueKind.True;
    }

    private static MergeException Bad(MixSource source, int number, string why) =>
        new($"{source.Path}:{number}: {why}; a mix file holds rows in the messages format, e.g. {{\"messages\": [{{\"role\": \"user\", \"content\": \"...\"}}, {{\"role\": \"assistant\", \"content\": \"...\"}}]}}.");
}
