using System.Text.Json;
using System.Text.Json.Nodes;
using ContribBot.Core.Configuration;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Limits;
using ContribBot.Core.Text;

namespace ContribBot.Core.Validation.Policy;

/// <summary>
/// The findings a taxonomy already had when a maintainer adopted a rule set, so that only new ones are reported. A
/// finding is known by its file (from the taxonomy root), code and message, not its line: lines move when a leaf is
/// edited above them. Each is counted, so a second identical finding in the same file is new.
/// </summary>
public sealed class Baseline
{
    /// <summary>Largest baseline file read: a whole taxonomy's findings fit many times over.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    private const int FormatVersion = 1;

    private readonly IReadOnlyDictionary<(string Path, string Code, string Message), int> _counts;

    private Baseline(IReadOnlyDictionary<(string Path, string Code, string Message), int> counts) => _counts = counts;

    public int Count => _counts.Values.Sum();

    /// <summary>The findings of a report, as a baseline.</summary>
    public static Baseline Of(ValidationReport report)
    {
        var counts = new Dictionary<(string, string, string), int>();
        foreach (var file in report.Files)
        {
            foreach (var diagnostic in file.Diagnostics)
            {
                var key = (file.File.RelativePath, diagnostic.Id, diagnostic.Message);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return new Baseline(counts);
    }

    /// <exception cref="ConfigException">The file is missing, too large or not a baseline.</exception>
    public static Baseline Read(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: baseline not found; write one with --write-baseline {path}.");
        try
        {
            using var stream = new BoundedReadStream(File.OpenRead(path), MaxBytes);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number ||
                version.GetInt32() != FormatVersion || !root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            {
                throw new ConfigException($"{path}: not a ContribBot baseline of format version {FormatVersion}; write it again with --write-baseline.");
            }

            var counts = new Dictionary<(string, string, string), int>();
            foreach (var finding in findings.EnumerateArray())
            {
                if (Text(finding, "path") is not { } file || Text(finding, "code") is not { } code || Text(finding, "message") is not { } message ||
                    !finding.TryGetProperty("count", out var count) || !count.TryGetInt32(out var times) || times < 1)
                {
                    throw new ConfigException($"{path}: a finding needs path, code, message and a count of at least 1.");
                }

                counts[(file, code, message)] = counts.GetValueOrDefault((file, code, message)) + times;
            }

            return new Baseline(counts);
        }
        catch (Exception exception) when (exception is JsonException or InvalidDataException or InvalidOperationException or FormatException)
        {
            throw new ConfigException($"{path}: not a readable baseline ({exception.Message}).", exception);
        }
    }

    /// <summary>The baseline as the file <see cref="Read"/> takes, findings in a stable order so that it diffs well.</summary>
    public string ToJson()
    {
        var findings = new JsonArray();
        foreach (var ((path, code, message), count) in _counts.OrderBy(entry => entry.Key.Path, StringComparer.Ordinal)
                     .ThenBy(entry => entry.Key.Code, StringComparer.Ordinal).ThenBy(entry => entry.Key.Message, StringComparer.Ordinal))
        {
            findings.Add((JsonNode)new JsonObject { ["path"] = path, ["code"] = code, ["message"] = message, ["count"] = count });
        }

        return new JsonObject { ["version"] = FormatVersion, ["findings"] = findings }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The report without the findings the baseline holds (each as many times as it was counted).</summary>
    public ValidationReport Without(ValidationReport report, out int known)
    {
        var left = new Dictionary<(string, string, string), int>(_counts);
        var hidden = 0;
        var files = report.Files.Select(file => file with
        {
            Diagnostics = file.Diagnostics.Where(diagnostic =>
            {
                var key = (file.File.RelativePath, diagnostic.Id, diagnostic.Message);
                if (left.GetValueOrDefault(key) <= 0) return true;
                left[key]--;
                hidden++;
                return false;
            }).ToList(),
        }).ToList();
        known = hidden;
        return report with { Files = files };
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? JsonStrings.Read(value) : null;
}
