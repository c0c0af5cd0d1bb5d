using System.Runtime.Intrinsics;

namespace ContribBot.Core.Text.NearDuplicates;

/// <summary>
/// MinHash signatures: for each of <see cref="Count"/> hash functions, the least hash over a text's shingles. Two
/// texts agree on a signature position with probability equal to the Jaccard similarity of their shingle sets. The
/// functions are murmur3's 32-bit finaliser over the shingle xor a per-function seed, eight at a time in vector lanes.
/// </summary>
public sealed class MinHash
{
    private readonly uint[] _seeds;

    /// <param name="count">Hash functions (a multiple of 8).</param>
    public MinHash(int count = 128, ulong seed = 0x5EED_C0DE_2026)
    {
        if (count <= 0 || count % 8 != 0) throw new ArgumentOutOfRangeException(nameof(count), "a positive multiple of 8");
        _seeds = new uint[count];
        var state = seed;
        for (var i = 0; i < count; i++) _seeds[i] = (uint)Shingles.Mix(state += 0x9E3779B97F4A7C15);
    }

    public int Count => _seeds.Length;

    /// <summary>The signature of a shingle set into <paramref name="signature"/> (all uint.MaxValue for an empty set).</summary>
    public void Signature(ReadOnlySpan<uint> shingles, Span<uint> signature)
    {
        if (signature.Length < Count) throw new ArgumentException("too short for the signature", nameof(signature));
        signature[..Count].Fill(uint.MaxValue);
        if (Vector256.IsHardwareAccelerated)
        {
            for (var f = 0; f < Count; f += 8)
            {
                var seeds = Vector256.Create<uint>(_seeds.AsSpan(f, 8));
                var least = Vector256.Create(uint.MaxValue);
                foreach (var shingle in shingles) least = Vector256.Min(least, Finalise(Vector256.Create(shingle) ^ seeds));
                least.CopyTo(signature[f..]);
            }

            return;
        }

        foreach (var shingle in shingles)
        {
            for (var f = 0; f < Count; f++) signature[f] = Math.Min(signature[f], Finalise(shingle ^ _seeds[f]));
        }
    }

    public uint[] Signature(ReadOnlySpan<uint> shingles)
    {
        var signature = new uint[Count];
        Signature(shingles, signature);
        return signature;
    }

    private static Vector256<uint> Finalise(Vector256<uint> h)
    {
        h ^= Vector256.ShiftRightLogical(h, 16);
        h *= 0x85EBCA6Bu;
        h ^= Vector256.ShiftRightLogical(h, 13);
        h *= 0xC2B2AE35u;
        return h ^ Vector256.ShiftRightLogical(h, 16);
    }

    private static uint Finalise(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >> 16);
    }
}
