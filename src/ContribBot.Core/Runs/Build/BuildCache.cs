using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Core.Runs.Files;

namespace ContribBot.Core.Runs.Build;

/// <summary>
/// The build's cache, a plain folder that <c>actions/cache</c> can save and restore: <c>leaves/KEY.json</c> holds a
/// finished leaf with <c>KEY.sha256</c> beside it (an entry whose checksum does not match is built again, never
/// trusted); <c>replies/KEY.jsonl</c> journals the replies of a leaf still being built, so a killed build resumes
/// without paying for them again.
/// </summary>
public sealed partial class BuildCache(string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Generated serialization: the shipped command is compiled ahead of time, without reflection-based JSON.</summary>
    [JsonSerializable(typeof(BuiltLeaf))]
    private sealed partial class BuiltLeafJson : JsonSerializerContext;

    /// <summary>The finished leaf under this key, or null when there is none or it does not check out.</summary>
    public BuiltLeaf? Find(string key)
    {
        var (data, checksum) = (LeafFile(key), LeafFile(key) + ".sha256");
        if (!File.Exists(data) || !File.Exists(checksum)) return null;
        try
        {
            var bytes = File.ReadAllBytes(data);
            if (!string.Equals(File.ReadAllText(checksum).Trim(), Sha256(bytes), StringComparison.Ordinal)) return null;
            return JsonSerializer.Deserialize(bytes, BuiltLeafJson.Default.BuiltLeaf) is { } leaf && leaf.Key == key ? leaf : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Stores a finished leaf (data, then its checksum: a crash in between leaves an entry that is rebuilt) and drops its journal.</summary>
    public async Task StoreAsync(BuiltLeaf leaf)
    {
        var json = JsonSerializer.Serialize(leaf, BuiltLeafJson.Default.BuiltLeaf);
        await AtomicFile.WriteAsync(LeafFile(leaf.Key), json).ConfigureAwait(false);
        await AtomicFile.WriteAsync(LeafFile(leaf.Key) + ".sha256", Sha256(Encoding.UTF8.GetBytes(json)) + "\n").ConfigureAwait(false);
        var journal = JournalFile(leaf.Key);
        if (File.Exists(journal)) File.Delete(journal);
    }

    /// <summary>The journal of a leaf being built: the replies an earlier, interrupted run already paid for.</summary>
    public ReplyJournal OpenJournal(string key) => ReplyJournal.Open(JournalFile(key));

    internal static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private string LeafFile(string key) => Path.Combine(Directory, "leaves", key + ".json");

    private string JournalFile(string key) => Path.Combine(Directory, "replies", key + ".jsonl");
}
