using System.Text.Json;
using System.Text.Json.Serialization;
using Parquet;
using Parquet.Serialization;

namespace ContribBot.Core.Reports.Dataset;

/// <summary>
/// The training rows again as Parquet, with typed columns (<c>id</c>, <c>messages</c> as a list of role/content
/// structs, <c>metadata</c>, <c>unmask</c>), which DuckDB and Hugging Face <c>datasets</c> read directly. Written from
/// the JSONL files a row group at a time, so memory stays bounded however many rows there are; the caller owns the file.
/// </summary>
public static partial class ParquetRows
{
    /// <summary>Rows per row group: large enough for good compression, small enough to hold in memory.</summary>
    public const int RowGroupSize = 20_000;

    public const string Folder = "data";

    /// <summary>The Parquet file beside a JSONL file: <c>data/NAME.parquet</c>.</summary>
    public static string FileFor(string jsonlName) => $"{Folder}/{Path.GetFileNameWithoutExtension(jsonlName)}.parquet";

    /// <summary>Generated serialization: the shipped command is compiled ahead of time, without reflection-based JSON.</summary>
    [JsonSerializable(typeof(Row))]
    private sealed partial class RowJson : JsonSerializerContext;

    /// <summary>Converts one JSONL file into <paramref name="output"/> (readable and seekable: row groups are appended); returns the rows written.</summary>
    public static async Task<long> WriteAsync(string jsonlPath, Stream output, CancellationToken cancellationToken)
    {
        long rows = 0;
        var batch = new List<Row>(RowGroupSize);
        var first = true;
        foreach (var line in File.ReadLines(jsonlPath))
        {
            batch.Add(JsonSerializer.Deserialize(line, RowJson.Default.Row) ?? throw new InvalidDataException($"{jsonlPath}: a row is null"));
            if (batch.Count == RowGroupSize)
            {
                await FlushAsync(batch, output, first, cancellationToken).ConfigureAwait(false);
                rows += batch.Count;
                batch.Clear();
                first = false;
            }
        }

        // An empty dataset still gets a file with the schema and no rows.
        if (batch.Count > 0 || first) await FlushAsync(batch, output, first, cancellationToken).ConfigureAwait(false);
        return rows + batch.Count;
    }

    /// <summary>Reads a Parquet file of rows back (tests, tools).</summary>
    public static async Task<IList<Row>> ReadAsync(string parquetPath, CancellationToken cancellationToken)
    {
        await using var input = File.OpenRead(parquetPath);
        return (await ParquetSerializer.DeserializeAsync<Row>(input, cancellationToken: cancellationToken).ConfigureAwait(false)).Data;
    }

    private static async Task FlushAsync(List<Row> batch, Stream output, bool first, CancellationToken cancellationToken)
    {
        output.Seek(0, SeekOrigin.End);
        await ParquetSerializer.SerializeAsync(batch, output, new ParquetOptions { Append = !first }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One training row, as in the JSONL files.</summary>
    public sealed class Row
    {
        [JsonPropertyName("id")]
        public string Id { get; set; } = string.Empty;

        [JsonPropertyName("messages")]
        public List<Message> Messages { get; set; } = [];

        [JsonPropertyName("metadata")]
        public string Metadata { get; set; } = string.Empty;

        [JsonPropertyName("unmask")]
        public bool Unmask { get; set; }
    }

    public sealed class Message
    {
        [JsonPropertyName("role")]
        public string Role { get; set; } = string.Empty;

        [JsonPropertyName("content")]
        public string Content { get; set; } = string.Empty;
    }
}
