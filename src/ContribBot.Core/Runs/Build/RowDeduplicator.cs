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

    /// <summary>The user and assistant messages of a training row (the system prompt is the same in every row).</summary>
    private static string TrainedText(ReadOnlyMemory<byte> row)
    {
        using var document = JsonDocument.Parse(row);
        var text = new System.Text.StringBuilder();
        foreach (var message in document.RootElement.GetProperty("messages").EnumerateArray())
        {
            if (message.GetProperty("role").GetString() is "user" or "assistant") text.Append(message.GetProperty("content").GetString()).Append('\n');
        }

        return text.ToString();
    }
}
