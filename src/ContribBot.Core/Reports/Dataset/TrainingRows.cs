using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ContribBot.Core.Generation;
using ContribBot.Core.Taxonomy;

namespace ContribBot.Core.Reports.Dataset;

/// <summary>
/// Rows as InstructLab's training loads them: exactly <c>id</c>, <c>messages</c> (system, user, assistant),
/// <c>metadata</c> (a JSON string) and <c>unmask</c> (true for knowledge, trained as plain text). The id is derived
/// from the row's content, and nothing in a row depends on the clock, so the same inputs give the same bytes.
/// </summary>
public static class TrainingRows
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Where a leaf's rows come from, as its metadata records it.</summary>
    public sealed record Origin(string LeafPath, LeafKind Kind, string? TaxonomyCommit, string LeafBlob, string TeacherModel, string CriticModel);

    /// <summary>The kept samples of a leaf, one line each (with its newline); dropped samples make no row.</summary>
    public static IEnumerable<string> Synthetic(Origin origin, IEnumerable<Sample> samples, string systemPrompt) =>
        samples.Where(sample => sample.Kept)
            .Select(sample => Row(origin, systemPrompt, User(origin.Kind, sample.Context, sample.Question), sample.Answer, metadata =>
            {
                metadata.WriteNumber("seed", sample.Provenance.Seed);
                if (sample.Provenance.Chunk is { } chunk) metadata.WriteNumber("chunk", chunk);
                else metadata.WriteNull("chunk");
                metadata.WriteString("teacher", origin.TeacherModel);
                metadata.WriteString("critic", origin.CriticModel);
                metadata.WriteStartArray("prompts");
                foreach (var prompt in sample.Provenance.Prompts) metadata.WriteStringValue(prompt);
                metadata.WriteEndArray();
                metadata.WriteStartObject("scores");
                foreach (var (name, value) in sample.Scores.OrderBy(score => score.Key, StringComparer.Ordinal)) metadata.WriteNumber(name, value);
                metadata.WriteEndObject();
                if (sample.PersonalDataMasked > 0) metadata.WriteNumber("pii_masked", sample.PersonalDataMasked);
                if (ContextLength(origin.Kind, sample.Context) is { } length) metadata.WriteNumber(ContextLengthField, length);
                metadata.WriteBoolean("synthetic", true);
                Lineage(metadata, sample.Lineage ?? Generation.Methods.SampleLineage.Direct);
            }))
            .Where(row => row is not null)!;

    /// <summary>The seed examples themselves (the held-out set InstructLab evaluates on), in the same row format.</summary>
    public static IEnumerable<string> Seeds(Origin origin, LeafSeeds seeds, string systemPrompt)
    {
        for (var seed = 0; seed < seeds.Examples.Count; seed++)
        {
            var example = seeds.Examples[seed];
            foreach (var pair in example.Pairs)
            {
                var index = seed;
                var row = Row(origin, systemPrompt, User(origin.Kind, example.Context, pair.Question), pair.Answer, metadata =>
                {
                    metadata.WriteNumber("seed", index);
                    metadata.WriteNull("chunk");
                    metadata.WriteBoolean("synthetic", false);
                });
                if (row is not null) yield return row;
            }
        }
    }

    /// <summary>
    /// How the row was made beyond its seed and chunk: its generation (model steps from human-written text), the
    /// evolution steps of its question, whether its answer was revised (with the critic's scores before), its voice.
    /// </summary>
    private static void Lineage(Utf8JsonWriter metadata, Generation.Methods.SampleLineage lineage)
    {
        metadata.WriteStartObject("lineage");
        metadata.WriteNumber("depth", lineage.Depth);
        metadata.WriteStartArray("evolution");
        foreach (var step in lineage.Evolution) metadata.WriteStringValue(step);
        metadata.WriteEndArray();
        metadata.WriteBoolean("revised", lineage.Revised);
        if (lineage.ScoresBefore is { } before)
        {
            metadata.WriteStartObject("scores_before");
            foreach (var (name, value) in before.OrderBy(score => score.Key, StringComparer.Ordinal)) metadata.WriteNumber(name, value);
            metadata.WriteEndObject();
        }

        if (lineage.Voice is { } voice) metadata.WriteString("voice", voice);
        metadata.WriteEndObject();
    }

    /// <summary>A row replayed from a <c>mix:</c> file, its turns as they were, its metadata naming the file and line.</summary>
    public static string Replayed(string file, int line, IReadOnlyList<(string Role, string Content)> turns, bool synthetic, bool unmask)
    {
        var metadata = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("mix", file);
            writer.WriteNumber("line", line);
            writer.WriteBoolean("synthetic", synthetic);
            writer.WriteEndObject();
        });
        return Line($"mix:{file}", turns, metadata, unmask);
    }

    /// <summary>
    /// The metadata field giving how much of the user message is the passage put before the question (with the blank
    /// line after it), in Unicode code points as Python's <c>len()</c> counts them; absent when there is none. Rows of
    /// one chunk share it, so the dataset's near-duplicate check compares what follows it.
    /// </summary>
    public const string ContextLengthField = "context_length";

    /// <summary>A grounded skill's or a knowledge sample's passage goes before its question, as InstructLab trains them.</summary>
    private static string User(LeafKind kind, string? context, string question) =>
        HasContext(kind, context) ? $"{context}\n\n{question}" : question;

    private static bool HasContext(LeafKind kind, string? context) => kind != LeafKind.FreeformSkill && !string.IsNullOrWhiteSpace(context);

    private static int? ContextLength(LeafKind kind, string? context) => HasContext(kind, context) ? context!.EnumerateRunes().Count() + 2 : null;

    /// <summary>One line, or null when the user or assistant message is empty (the trainer drops those).</summary>
    private static string? Row(Origin origin, string systemPrompt, string user, string assistant, Action<Utf8JsonWriter> metadataFields)
    {
        if (string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(assistant)) return null;
        var metadata = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("leaf", origin.LeafPath);
            writer.WriteString("kind", JsonReportRenderer.KindName(origin.Kind));
            if (origin.TaxonomyCommit is { } commit) writer.WriteString("taxonomy_commit", commit);
            else writer.WriteNull("taxonomy_commit");
            writer.WriteString("leaf_blob", origin.LeafBlob);
            metadataFields(writer);
            writer.WriteEndObject();
        });
        return Line(origin.LeafPath, [("system", systemPrompt), ("user", user), ("assistant", assistant)], metadata, origin.Kind == LeafKind.Knowledge);
    }

    /// <summary>A row's line: its id (from where it comes, its messages and metadata), the messages, the metadata as a JSON string, unmask.</summary>
    private static string Line(string source, IEnumerable<(string Role, string Content)> turns, string metadata, bool unmask)
    {
        var messages = Json(writer =>
        {
            writer.WriteStartArray();
            foreach (var (role, content) in turns) Message(writer, role, content);
            writer.WriteEndArray();
        });
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\n{messages}\n{metadata}")))[..32];
        return Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WritePropertyName("messages");
            writer.WriteRawValue(messages, skipInputValidation: true);
            writer.WriteString("metadata", metadata);
            writer.WriteBoolean("unmask", unmask);
            writer.WriteEndObject();
        }) + "\n";
    }

    private static void Message(Utf8JsonWriter writer, string role, string content)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteString("content", content);
        writer.WriteEndObject();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Compact)) write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
