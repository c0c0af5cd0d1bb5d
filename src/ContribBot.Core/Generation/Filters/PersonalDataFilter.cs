using ContribBot.Core.Text;

namespace ContribBot.Core.Generation.Filters;

/// <summary>What the build does with a generated row holding what looks like personal data (<c>build.personal_data</c>).</summary>
public enum PersonalDataAction
{
    /// <summary>The row is dropped with reason <see cref="DropReasons.PersonalData"/>.</summary>
    Drop,

    /// <summary>Each match is replaced by what it is, in brackets (<c>[e-mail address]</c>), and the row kept.</summary>
    Mask,
}

/// <summary>
/// The personal-data detector that checks seeds (<see cref="PersonalData"/>), run on the kept generated samples: a
/// teacher can invent or repeat addresses and numbers that look real, and training rows must not carry them.
/// </summary>
public static class PersonalDataFilter
{
    /// <summary>The samples with those holding personal data dropped or masked; the same list when none does.</summary>
    public static IReadOnlyList<Sample> Apply(IReadOnlyList<Sample> samples, PersonalDataAction action)
    {
        Sample[]? changed = null;
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            if (!sample.Kept) continue;
            var found = Found(sample.Question).Concat(Found(sample.Answer)).Concat(Found(sample.Context)).ToList();
            if (found.Count == 0) continue;
            changed ??= [.. samples];
            // Masked either way: a dropped sample is still shown in a preview, which may be a public comment.
            var masked = sample with
            {
                Question = Mask(sample.Question),
                Answer = Mask(sample.Answer),
                Context = sample.Context is null ? null : Mask(sample.Context),
                PersonalDataMasked = found.Count,
            };
            changed[i] = action == PersonalDataAction.Drop ? masked with { Kept = false, DropReason = DropReasons.PersonalData } : masked;
        }

        return changed ?? samples;
    }

    /// <summary>The text with every match replaced by its kind in brackets.</summary>
    public static string Mask(string text)
    {
        foreach (var (kind, value) in PersonalData.Find(text).OrderByDescending(match => match.Value.Length).ToList())
        {
            text = text.Replace(value, $"[{Label(kind)}]", StringComparison.Ordinal);
        }

        return text;
    }

    private static IEnumerable<(string Kind, string Value)> Found(string? text) => string.IsNullOrEmpty(text) ? [] : PersonalData.Find(text);

    /// <summary>"an e-mail address" → "e-mail address".</summary>
    private static string Label(string kind) =>
        kind.StartsWith("an ", StringComparison.Ordinal) ? kind[3..] : kind.StartsWith("a ", StringComparison.Ordinal) ? kind[2..] : kind;
}
