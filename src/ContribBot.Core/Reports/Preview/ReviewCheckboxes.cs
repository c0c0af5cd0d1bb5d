using System.Text.RegularExpressions;

namespace ContribBot.Core.Reports.Preview;

/// <summary>
/// The review boxes under each sample of the App's comment (<c>- [ ] `s3` good</c>, <c>- [ ] `s3` bad</c>): a
/// maintainer ticks one instead of writing <c>/contribbot review s3:good</c>. GitHub reports the tick as an edit of the
/// comment with its body before and after; the boxes ticked by that edit are the verdicts.
/// </summary>
public static partial class ReviewCheckboxes
{
    /// <summary>The two boxes of a sample, ticked as its stored verdict says (none: neither).</summary>
    public static string Lines(string sampleId, bool? verdict) =>
        $"- [{(verdict == true ? 'x' : ' ')}] `{sampleId}` good\n- [{(verdict == false ? 'x' : ' ')}] `{sampleId}` bad\n";

    /// <summary>
    /// The verdicts an edit made: boxes ticked in <paramref name="after"/> that were not in <paramref name="before"/>.
    /// A sample whose good and bad boxes were both ticked by the same edit says nothing; untick a box gives no verdict.
    /// </summary>
    public static IReadOnlyList<(string SampleId, bool Good)> Ticked(string? before, string after)
    {
        var was = Boxes(before ?? string.Empty);
        var now = Boxes(after);
        return now.Where(box => box.Value && !was.GetValueOrDefault(box.Key))
            .GroupBy(box => box.Key.SampleId, StringComparer.Ordinal)
            .Where(group => group.Count() == 1)
            .Select(group => (group.Key, group.Single().Key.Good))
            .OrderBy(verdict => int.Parse(verdict.Key.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
    }

    private static Dictionary<(string SampleId, bool Good), bool> Boxes(string body)
    {
        var boxes = new Dictionary<(string, bool), bool>();
        foreach (Match match in BoxLine().Matches(body)) boxes[(match.Groups["id"].Value, match.Groups["kind"].Value == "good")] = match.Groups["mark"].Value != " ";
        return boxes;
    }

    [GeneratedRegex(@"^- \[(?<mark>[ xX])\] `(?<id>s[1-9][0-9]{0,5})` (?<kind>good|bad)\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BoxLine();
}
