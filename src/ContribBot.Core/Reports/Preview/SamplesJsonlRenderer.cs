using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContribBot.Core.Generation;

namespace ContribBot.Core.Reports.Preview;

/// <summary>
/// <c>samples.jsonl</c>: one sample per line in the chat <c>messages</c> format the dataset build writes (a grounded
/// sample's context goes before its question), with <c>metadata</c> saying whether it was kept and why not, its
/// scores and provenance. Dropped samples are included so filters can be audited.
/// </summary>
public static class SamplesJsonlRenderer
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(PreviewResult result)
    {
        var lines = new StringBuilder();
        foreach (var leaf in result.Leaves)
        {
            foreach (var sample in leaf.Samples)
            {
                var user = sample.Context is { } context && leaf.Seeds.Kind == Taxonomy.LeafKind.GroundedSkill
                    ? $"{context}\n\n{sample.Question}"
                    : sample.Question;
                var line = new JsonObject
                {
                    ["messages"] = new JsonArray(
                        new JsonObject { ["role"] = "user", ["content"] = user },
                        new JsonObject { ["role"] = "assistant", ["content"] = sample.Answer }),
                    ["metadata"] = Metadata(sample),
                };
                lines.Append(line.ToJsonString(Compact)).Append('\n');
            }
        }

        return lines.ToString();
    }

    private static JsonObject Metadata(Sample sample)
    {
        var metadata = PreviewJsonRenderer.Provenance(sample.Provenance);
        metadata["kept"] = sample.Kept;
        metadata["dropReason"] = sample.DropReason;
        metadata["scores"] = new JsonObject(sample.Scores.Select(score => KeyValuePair.Create(score.Key, (JsonNode?)score.Value)));
        return metadata;
    }
}
