using ContribBot.Core.Generation;

namespace ContribBot.Core.Reports.Preview;

/// <summary>
/// The short id of each sample in a preview (<c>s1</c>, <c>s2</c>, … over the leaves and their samples in report
/// order), shown beside each sample in the comment so that a maintainer can name it in <c>/contribbot review s3:bad</c>.
/// The ids come from the report's order alone, so the same report gives the same ids wherever it is rendered.
/// </summary>
public static class SampleIds
{
    public static IReadOnlyDictionary<Sample, string> Of(PreviewResult result)
    {
        var ids = new Dictionary<Sample, string>(ReferenceEqualityComparer.Instance);
        var next = 1;
        foreach (var sample in result.Leaves.SelectMany(leaf => leaf.Samples)) ids[sample] = "s" + next++.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ids;
    }

    /// <summary>
    /// A short fingerprint of the preview's samples in order: a verdict names the preview it was given on, since the
    /// same id names another sample in the next preview of the pull request.
    /// </summary>
    public static string Fingerprint(PreviewResult result)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var sample in result.Leaves.SelectMany(leaf => leaf.Samples))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{sample.Provenance.Leaf}\n{sample.Provenance.Seed}\n{sample.Question}\n{sample.Answer}\n\0"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>The sample with this id, or null.</summary>
    public static Sample? Find(PreviewResult result, string id) =>
        id.Length > 1 && id[0] == 's' && int.TryParse(id.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1
            ? result.Leaves.SelectMany(leaf => leaf.Samples).Skip(n - 1).FirstOrDefault()
            : null;
}
