using ContribBot.Core.Diagnostics;
using ContribBot.Core.Text;

namespace ContribBot.Core.Validation.Rules;

/// <summary>
/// Strings that look like personal data (e-mail addresses, phone numbers, payment card and US social security
/// numbers) in seed text: the teacher would spread them through thousands of samples. Matches are masked in the
/// message so a report never repeats them in full.
/// </summary>
public sealed class PersonalDataRule : ILeafRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        "CB0508", "Looks like personal data", "{0} holds what looks like {1} ('{2}'){3}", Severity.Warning,
        "Replace personal data with an invented example (e.g. user@example.com, 555-0100) unless it is public and needed.",
        DiagnosticCategory.Quality);

    public IEnumerable<Diagnostic> Check(LeafContext leaf)
    {
        foreach (var text in leaf.Seeds)
        {
            // One diagnostic per field and kind of data: the first match, and how many more there are.
            foreach (var group in PersonalData.Find(text.Text).GroupBy(found => found.Kind))
            {
                var more = group.Count() - 1;
                yield return Descriptor.At(leaf.FilePath, text.Node.Start, $"`{text.Field}` of {text.Describe()}",
                    group.Key, Mask(group.First().Value), more > 0 ? $" and {more} more" : string.Empty);
            }
        }
    }

    private static string Mask(string value) =>
        value.Length <= 4 ? new string('*', value.Length) : value[..2] + new string('*', value.Length - 4) + value[^2..];
}
