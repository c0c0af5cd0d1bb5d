using System.Text.RegularExpressions;

namespace ContribBot.Core.Validation.Policy;

/// <summary>
/// Rules silenced in the leaf itself: <c># contribbot: disable=CB0508</c> on a line of its own silences the next
/// line (written after a value, its own line); <c># contribbot: disable-file=CB0508</c> the whole file. Several ids
/// are separated by commas.
/// </summary>
public sealed partial class InlineSuppressions
{
    private readonly IReadOnlySet<string> _file;
    private readonly IReadOnlyDictionary<int, IReadOnlySet<string>> _lines;

    private InlineSuppressions(IReadOnlySet<string> file, IReadOnlyDictionary<int, IReadOnlySet<string>> lines)
    {
        _file = file;
        _lines = lines;
    }

    public static InlineSuppressions None { get; } = new(new HashSet<string>(), new Dictionary<int, IReadOnlySet<string>>());

    public bool IsEmpty => _file.Count == 0 && _lines.Count == 0;

    public static InlineSuppressions Read(string text)
    {
        // Most leaves have none: one scan for the marker before any line is looked at.
        if (!text.Contains("contribbot:", StringComparison.Ordinal)) return None;
        var file = new HashSet<string>(StringComparer.Ordinal);
        var lines = new Dictionary<int, IReadOnlySet<string>>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (Marker().Match(line) is not { Success: true } match) continue;
            var ids = match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (match.Groups["file"].Success)
            {
                file.UnionWith(ids);
                continue;
            }

            var target = line[..match.Index].Trim().Length == 0 ? number + 1 : number;
            lines[target] = lines.TryGetValue(target, out var earlier) ? earlier.Union(ids).ToHashSet() : ids.ToHashSet();
        }

        return new InlineSuppressions(file, lines);
    }

    public bool Silences(string id, int line) =>
        _file.Contains(id) || (_lines.TryGetValue(line, out var ids) && ids.Contains(id));

    [GeneratedRegex(@"#\s*contribbot:\s*disable(?<file>-file)?=(?<ids>[A-Za-z0-9_, ]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
