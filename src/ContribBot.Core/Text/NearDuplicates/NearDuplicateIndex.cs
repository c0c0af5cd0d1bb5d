namespace ContribBot.Core.Text.NearDuplicates;

/// <summary>
/// Keeps the first of every group of near-duplicate texts. Texts are admitted in order; one whose shingles have
/// Jaccard similarity at or above the threshold with a text kept before it is a duplicate of that text. Candidates
/// come from LSH bands of the MinHash signatures and each is confirmed on the exact shingle sets, so a duplicate is
/// never reported on the estimate alone. Memory: the kept texts' shingles and one entry per band per kept text, in
/// flat arrays (an open-addressing table of band keys with chains of kept ids), so a million texts fit in about a gigabyte.
/// Not thread-safe; admit texts one at a time (signatures may be computed in parallel beforehand).
/// </summary>
public sealed class NearDuplicateIndex
{
    private readonly List<uint[]> _kept = [];
    private readonly List<int> _checkedAt = [];
    private int _admissions;
    private ulong[] _keys;
    private int[] _heads;
    private int _used;
    private int[] _nodeKept = new int[1024];
    private int[] _nodeNext = new int[1024];
    private int _nodes;

    public NearDuplicateIndex(double threshold, MinHash hasher, LshBands? bands = null)
    {
        Threshold = threshold;
        Hasher = hasher;
        Bands = bands ?? LshBands.For(threshold, hasher.Count);
        if (Bands.Hashes > hasher.Count) throw new ArgumentException("the bands use more hashes than the signature has", nameof(bands));
        _keys = new ulong[1024];
        _heads = new int[1024];
        Array.Fill(_heads, -1);
    }

    public double Threshold { get; }

    public MinHash Hasher { get; }

    public LshBands Bands { get; }

    /// <summary>Texts kept so far (their ids run from 0 in the order they were kept).</summary>
    public int Kept => _kept.Count;

    /// <summary>Candidate pairs confirmed or refused on the exact shingles so far (the cost of a loose band shape).</summary>
    public long Comparisons { get; private set; }

    /// <summary>
    /// Admits a text by its sorted, distinct shingles and their signature: null when it is kept (it gets the next
    /// kept id), or the kept id of an earlier text it nearly duplicates.
    /// </summary>
    public int? Admit(uint[] shingles, ReadOnlySpan<uint> signature)
    {
        _admissions++;
        Span<ulong> keys = stackalloc ulong[Bands.Bands];
        for (var band = 0; band < Bands.Bands; band++) keys[band] = BandKey(band, signature.Slice(band * Bands.Rows, Bands.Rows));

        int? match = null;
        for (var band = 0; band < Bands.Bands && match is null; band++)
        {
            for (var node = Head(keys[band]); node >= 0; node = _nodeNext[node])
            {
                var kept = _nodeKept[node];
                if (_checkedAt[kept] == _admissions) continue; // the same candidate met in another band
                _checkedAt[kept] = _admissions;
                Comparisons++;
                if (Shingles.Jaccard(shingles, _kept[kept]) >= Threshold)
                {
                    match = kept;
                    break;
                }
            }
        }

        if (match is not null) return match;
        Add(shingles, keys);
        return null;
    }

    /// <summary>Keeps a text without asking whether it repeats one (a row the previous dataset version kept); returns its kept id.</summary>
    public int Keep(uint[] shingles, ReadOnlySpan<uint> signature)
    {
        Span<ulong> keys = stackalloc ulong[Bands.Bands];
        for (var band = 0; band < Bands.Bands; band++) keys[band] = BandKey(band, signature.Slice(band * Bands.Rows, Bands.Rows));
        return Add(shingles, keys);
    }

    /// <summary>The shingles of a kept text.</summary>
    public uint[] KeptShingles(int id) => _kept[id];

    private int Add(uint[] shingles, ReadOnlySpan<ulong> keys)
    {
        var id = _kept.Count;
        _kept.Add(shingles);
        _checkedAt.Add(0);
        foreach (var key in keys) Link(key, id);
        return id;
    }

    /// <summary>Admits a text, computing its shingles and signature here.</summary>
    public int? Admit(string text)
    {
        var shingles = Shingles.Of(text);
        return Admit(shingles, Hasher.Signature(shingles));
    }

    private static ulong BandKey(int band, ReadOnlySpan<uint> values)
    {
        var h = Shingles.Mix((ulong)band + 1);
        foreach (var value in values) h = Shingles.Mix(h ^ value);
        return h == 0 ? 1 : h; // 0 marks an empty slot
    }

    private int Head(ulong key)
    {
        var mask = _keys.Length - 1;
        for (var slot = (int)(key & (ulong)mask); _keys[slot] != 0; slot = (slot + 1) & mask)
        {
            if (_keys[slot] == key) return _heads[slot];
        }

        return -1;
    }

    private void Link(ulong key, int kept)
    {
        if ((_used + 1) * 3 >= _keys.Length * 2) Grow();
        if (_nodes == _nodeKept.Length)
        {
            Array.Resize(ref _nodeKept, _nodes * 2);
            Array.Resize(ref _nodeNext, _nodes * 2);
        }

        var mask = _keys.Length - 1;
        var slot = (int)(key & (ulong)mask);
        while (_keys[slot] != 0 && _keys[slot] != key) slot = (slot + 1) & mask;
        if (_keys[slot] == 0)
        {
            _keys[slot] = key;
            _heads[slot] = -1;
            _used++;
        }

        _nodeKept[_nodes] = kept;
        _nodeNext[_nodes] = _heads[slot];
        _heads[slot] = _nodes++;
    }

    private void Grow()
    {
        var (oldKeys, oldHeads) = (_keys, _heads);
        _keys = new ulong[oldKeys.Length * 2];
        _heads = new int[oldKeys.Length * 2];
        var mask = _keys.Length - 1;
        for (var i = 0; i < oldKeys.Length; i++)
        {
            if (oldKeys[i] == 0) continue;
            var slot = (int)(oldKeys[i] & (ulong)mask);
            while (_keys[slot] != 0) slot = (slot + 1) & mask;
            _keys[slot] = oldKeys[i];
            _heads[slot] = oldHeads[i];
        }
    }
}
