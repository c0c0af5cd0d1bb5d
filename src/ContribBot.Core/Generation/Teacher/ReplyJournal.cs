using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContribBot.Core.Generation.Teacher;

/// <summary>
/// An append-only file of finished replies, one JSON line each, keyed by <see cref="ChatRequest.KeyFor"/>. A reply is
/// written (and flushed to the operating system) before it is used, so a build killed at any moment loses at most the
/// calls in flight. On
/// opening, a torn last line (the write the kill interrupted) is ignored, and so is any line that does not read back.
/// </summary>
public sealed partial class ReplyJournal : IDisposable
{
    private readonly ConcurrentDictionary<string, ChatReply> _replies = new(StringComparer.Ordinal);
    private readonly FileStream _file;
    private readonly Lock _gate = new();

    private ReplyJournal(FileStream file) => _file = file;

    public int Count => _replies.Count;

    /// <summary>Lines that were there but could not be read (a torn last line after a kill, damage).</summary>
    public int Unreadable { get; private set; }

    /// <summary>Opens (or creates) the journal at <paramref name="path"/> and reads what an earlier run stored.</summary>
    public static ReplyJournal Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var journal = new ReplyJournal(file);
        try
        {
            journal.Load();
        }
        catch
        {
            file.Dispose();
            throw;
        }

        return journal;
    }

    public bool TryGet(string key, out ChatReply reply) => _replies.TryGetValue(key, out reply!);

    /// <summary>Stores a reply: the line is with the operating system when this returns, whatever happens to the process.</summary>
    public void Add(string key, ChatReply reply)
    {
        var line = JsonSerializer.Serialize(new Entry(key, reply.Text, reply.PromptTokens, reply.CompletionTokens), EntryJson.Default.Entry) + "\n";
        var bytes = Encoding.UTF8.GetBytes(line);
        lock (_gate)
        {
            _file.Write(bytes);
            // Into the operating system's hands before the reply is used: that survives the process being killed at
            // any moment. (Not fsync: a power cut may lose the last replies, which are then asked for again.)
            _file.Flush(flushToDisk: false);
        }

        _replies[key] = reply;
    }

    public void Dispose() => _file.Dispose();

    private void Load()
    {
        using var reader = new StreamReader(_file, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        var goodEnd = 0L;
        var position = 0L;
        while (reader.ReadLine() is { } line)
        {
            position += Encoding.UTF8.GetByteCount(line) + 1;
            if (Read(line) is { } entry)
            {
                _replies[entry.Key] = new ChatReply(entry.Text, entry.PromptTokens, entry.CompletionTokens);
                goodEnd = Math.Min(position, _file.Length);
            }
            else
            {
                Unreadable++;
            }
        }

        // A torn last line has no newline: cut it off, so the next append starts a line of its own.
        if (_file.Length > 0 && goodEnd < _file.Length && !EndsWithNewline()) _file.SetLength(goodEnd);
        _file.Seek(0, SeekOrigin.End);
    }

    private bool EndsWithNewline()
    {
        _file.Seek(-1, SeekOrigin.End);
        return _file.ReadByte() == '\n';
    }

    private static Entry? Read(string line)
    {
        if (line.Length == 0) return null;
        try
        {
            return JsonSerializer.Deserialize(line, EntryJson.Default.Entry) is { Key.Length: > 0, Text: not null } entry ? entry : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Entry(string Key, string Text, int PromptTokens, int CompletionTokens);

    /// <summary>Generated serialization: the shipped command is compiled ahead of time, without reflection-based JSON.</summary>
    [JsonSerializable(typeof(Entry))]
    private sealed partial class EntryJson : JsonSerializerContext;
}
