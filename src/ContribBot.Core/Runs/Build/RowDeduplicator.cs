using System.Text.Json;
using ContribBot.Core.Reports.Dataset;
using ContribBot.Core.Text.NearDuplicates;

namespace ContribBot.Core.Runs.Build;

/// <summary>
/// Drops training rows that nearly repeat a row kept before them anywhere in the dataset, as <c>merge</c> joins the
/// shards (files in order, leaves in path order): the row's user and assistant messages (what is trained on) as word
/// shingles, MinHash with LSH bands, each candidate confirmed on the exact shingle sets. Within a leaf the generation
/// filters already compare questions; this compares whole rows across leaves and shards. Shingles and signatures of a
/// leaf's rows are made in parallel; rows are admitted in order, so the result does not depend on timing.
/// </summary>
public sealed class RowDeduplicator(double threshold)
{
    private readonly MinHash _hasher = new();
    private readonly Dictionary<UInt128, int> _previous = [];
    private readonly List<(UInt128 Id, int Kept)> _keptRows = [];
    private NearDuplicateIndex? _index;
    private int _previousRows;
    private int? _historyRows;
    private string? _historyIgnored;

    public int Dropped { get; private set; }

    /// <summary>Rows dropped because they nearly repeat a row the previous version kept (and this one still has).</summary>
    public int DroppedAgainstPrevious { get; private set; }

    private NearDuplicateIndex Index => _index ??= new NearDuplicateIndex(threshold, _hasher);

    public NearDuplicateSummary Summary => new(threshold, Shingles.Words, _hasher.Count, Index.Bands.Bands, Index.Bands.Rows, Dropped)
    {
        PreviousRows = _historyRows,
        PreviousRowsStillIn = _historyRows is null ? null : _previousRows,
        DroppedAgainstPrevious = DroppedAgainstPrevious,
        PreviousIgnored = _historyIgnored,
    };

    /// <summary>
    /// Puts the previous version's rows that this version still has (<paramref name="currentIds"/>) into the index
    /// first, as kept: they stay, and a new row that nearly repeats one goes, whatever the path order, so rows do not
    /// flip between versions. Rows the previous version had and this one does not (a leaf changed or deleted) are left
    /// out: they cannot push out their own replacements.
    /// </summary>
    public void StartFrom(NearDuplicateHistory? history, string? ignored, IReadOnlySet<UInt128> currentIds)
    {
        _historyIgnored = ignored;
        if (history is null) return;
        if (history.ShingleWords != Shingles.Words)
        {
            _historyIgnored = $"made with {history.ShingleWords}-word shingles";
            return;
        }

        _historyRows = history.Rows.Count;
        var still = history.Rows.Where(row => currentIds.Contains(row.Key)).OrderBy(row => row.Key).ToList();
        // Signatures a block at a time (in parallel), so a million rows do not hold half a gigabyte of them at once.
        const int block = 8_192;
        var signatures = new uint[block * _hasher.Count];
        for (var start = 0; start < still.Count; start += block)
        {
            var size = Math.Min(block, still.Count - start);
            Parallel.For(0, size, i => _hasher.Signature(still[start + i].Value, signatures.AsSpan(i * _hasher.Count, _hasher.Count)));
            for (var i = 0; i < size; i++) _previous[still[start + i].Key] = Index.Keep(still[start + i].Value, signatures.AsSpan(i * _hasher.Count, _hasher.Count));
        }

        _previousRows = still.Count;
    }

    /// <summary>Every kept row with its shingles, for the next version's <see cref="StartFrom"/>.</summary>
    public IReadOnlyList<(UInt128 Id, uint[] Shingles)> KeptRows() => [.. _keptRows.Select(row => (row.Id, Index.KeptShingles(row.Kept)))];

    /// <summary>Which of these rows (JSON lines of one leaf, in order) to keep.</summary>
    public bool[] Keep(IReadOnlyList<ReadOnlyMemory<byte>> rows)
    {
        var shingles = new uint[rows.Count][];
        var ids = new UInt128?[rows.Count];
        var signatures = new uint[rows.Count * _hasher.Count];
        Parallel.For(0, rows.Count, i =>
        {
            (ids[i], var text) = Read(rows[i]);
            shingles[i] = Shingles.Of(text);
            _hasher.Signature(shingles[i], signatures.AsSpan(i * _hasher.Count, _hasher.Count));
        });

        var keep = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (ids[i] is { } id && _previous.Remove(id, out var kept))
            {
                // The previous version kept this very row: it is in the index already.
                keep[i] = true;
                _keptRows.Add((id, kept));
                continue;
            }

            var before = Index.Kept;
            var match = Index.Admit(shingles[i], signatures.AsSpan(i * _hasher.Count, _hasher.Count));
            keep[i] = match is null;
            if (keep[i])
            {
                if (ids[i] is { } newId) _keptRows.Add((newId, before));
                continue;
            }

            Dropped++;
            if (match < _previousRows) DroppedAgainstPrevious++;
        }

        return keep;
    }

    /// <summary>The row's id (as a history key) and the text it is compared on.</summary>
    private static (UInt128? Id, string Text) Read(ReadOnlyMemory<byte> row)
    {
        using var document = JsonDocument.Parse(row);
        var id = document.RootElement.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String ? NearDuplicateHistory.Key(value.GetString()) : null;
        return (id, TrainedText(document.RootElement));
    }

    /// <summary>The row ids of JSON lines, for <see cref="StartFrom"/>.</summary>
    public static IEnumerable<UInt128> Ids(IEnumerable<ReadOnlyMemory<byte>> rows)
    {
        foreach (var row in rows)
        {
            using var document = JsonDocument.Parse(row);
            if (document.RootElement.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String && NearDuplicateHistory.Key(value.GetString()) is { } id)
            {
                yield return id;
            }
        }
    }

    /// <summary>
    /// The user and assistant messages of a training row (the system prompt is the same in every row), without the
    /// passage before the question: the rows of one chunk or one generated passage all hold it, and would otherwise be
    /// near-duplicates of each other by it alone.
    /// </summary>
    private static string TrainedText(JsonElement row)
    {
        var skip = ContextLength(row);
        var text = new System.Text.StringBuilder();
        foreach (var message in row.GetProperty("messages").EnumerateArray())
        {
            var role = message.GetProperty("role").GetString();
            if (role is not ("user" or "assistant")) continue;
            var content = message.GetProperty("content").GetString()!;
            text.Append(role == "user" && skip > 0 ? AfterRunes(content, skip) : content).Append('\n');
        }

        return text.ToString();
    }

    private static int ContextLength(JsonElement row)
    {
        if (!row.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.String) return 0;
        var text = metadata.GetString()!;
        if (!text.Contains(TrainingRows.ContextLengthField, StringComparison.Ordinal)) return 0; // most rows: no second parse
        using var fields = JsonDocument.Parse(text);
        return fields.RootElement.TryGetProperty(TrainingRows.ContextLengthField, out var length) && length.TryGetInt32(out var value) && value > 0 ? value : 0;
    }

    /// <summary>The text after its first <paramref name="runes"/> code points (all of it when it is shorter: a damaged count skips nothing).</summary>
    private static string AfterRunes(string text, int runes)
    {
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (runes-- == 0) return text[index..];
            index += rune.Utf16SequenceLength;
        }

        return runes == 0 ? string.Empty : text;
    }
}
