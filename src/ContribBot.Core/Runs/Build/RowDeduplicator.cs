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
    private NearDuplicateIndex? _index;

    public int Dropped { get; private set; }

    private NearDuplicateIndex Index => _index ??= new NearDuplicateIndex(threshold, _hasher);

    public NearDuplicateSummary Summary => new(threshold, Shingles.Words, _hasher.Count, Index.Bands.Bands, Index.Bands.Rows, Dropped);

    /// <summary>Which of these rows (JSON lines of one leaf, in order) to keep.</summary>
    public bool[] Keep(IReadOnlyList<ReadOnlyMemory<byte>> rows)
    {
        var shingles = new uint[rows.Count][];
        var signatures = new uint[rows.Count * _hasher.Count];
        Parallel.For(0, rows.Count, i =>
        {
            shingles[i] = Shingles.Of(TrainedText(rows[i]));
            _hasher.Signature(shingles[i], signatures.AsSpan(i * _hasher.Count, _hasher.Count));
        });

        var keep = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            keep[i] = Index.Admit(shingles[i], signatures.AsSpan(i * _hasher.Count, _hasher.Count)) is null;
            if (!keep[i]) Dropped++;
        }

        return keep;
    }

    /// <summary>
    /// The user and assistant messages of a training row (the system prompt is the same in every row), without the
    /// passage before the question: the rows of one chunk or one generated passage all hold it, and would otherwise be
    /// near-duplicates of each other by it alone.
    /// </summary>
    private static string TrainedText(ReadOnlyMemory<byte> row)
    {
        using var document = JsonDocument.Parse(row);
        var skip = ContextLength(document.RootElement);
        var text = new System.Text.StringBuilder();
        foreach (var message in document.RootElement.GetProperty("messages").EnumerateArray())
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
