using System.Security.Cryptography;
using System.Text;
using ContribBot.Core.Reports.Dataset;

namespace ContribBot.Core.Runs.Build;

/// <summary>
/// Writes a shard's row files (<see cref="DatasetFiles.All"/>) leaf by leaf, keeping each leaf's byte range and the
/// files' SHA-256 as it goes. Files are written under temporary names and moved into place by <see cref="Commit"/>;
/// a build that stops before that leaves the previous shard, if any, whole.
/// </summary>
internal sealed class ShardWriter : IDisposable
{
    private readonly string _directory;
    private readonly Dictionary<string, (FileStream Stream, IncrementalHash Hash, long Rows)> _files = new(StringComparer.Ordinal);

    public ShardWriter(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        foreach (var name in DatasetFiles.All)
        {
            _files[name] = (new FileStream(Temporary(name), FileMode.Create, FileAccess.Write, FileShare.None), IncrementalHash.CreateHash(HashAlgorithmName.SHA256), 0);
        }
    }

    /// <summary>Appends a leaf's rows to one file; returns their range.</summary>
    public RowRange Append(string file, IEnumerable<string> rows)
    {
        var (stream, hash, count) = _files[file];
        var offset = stream.Position;
        var written = 0;
        foreach (var row in rows)
        {
            var bytes = Encoding.UTF8.GetBytes(row);
            stream.Write(bytes);
            hash.AppendData(bytes);
            written++;
        }

        _files[file] = (stream, hash, count + written);
        return new RowRange(file, offset, stream.Position - offset, written);
    }

    /// <summary>Flushes every file to disk and moves it into place; returns their sizes and checksums.</summary>
    public IReadOnlyList<ShardFile> Commit()
    {
        var files = new List<ShardFile>();
        foreach (var name in DatasetFiles.All)
        {
            var (stream, hash, rows) = _files[name];
            stream.Flush(flushToDisk: true);
            files.Add(new ShardFile(name, stream.Length, Convert.ToHexStringLower(hash.GetHashAndReset()), rows));
            stream.Dispose();
            File.Move(Temporary(name), Path.Combine(_directory, name), overwrite: true);
        }

        return files;
    }

    public void Dispose()
    {
        foreach (var (stream, hash, _) in _files.Values)
        {
            stream.Dispose();
            hash.Dispose();
        }

        foreach (var name in DatasetFiles.All)
        {
            if (File.Exists(Temporary(name))) File.Delete(Temporary(name));
        }
    }

    private string Temporary(string name) => Path.Combine(_directory, $".{name}.{Environment.ProcessId}.tmp");
}
