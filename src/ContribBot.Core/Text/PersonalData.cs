using System.Text.RegularExpressions;

namespace ContribBot.Core.Text;

/// <summary>
/// Finds strings that look like personal data (e-mail addresses, phone numbers, payment card and US social security
/// numbers). Validation warns about them in seeds; the quality report flags them in generated samples. Placeholders
/// (example.com, 555 numbers, repeated digits) are not matches.
/// </summary>
public static partial class PersonalData
{
    /// <summary>Each match: what it looks like (e.g. "an e-mail address") and the text matched.</summary>
    public static IEnumerable<(string Kind, string Value)> Find(string text)
    {
        // Most seed text has neither an '@' nor nine digits; skip the regexes for it.
        var hasAt = text.Contains('@', StringComparison.Ordinal);
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) && ++digits >= 9) break;
        }

        if (hasAt) return FindEmails(text).Concat(digits >= 9 ? FindNumbers(text) : []);
        return digits >= 9 ? FindNumbers(text) : [];
    }

    private static IEnumerable<(string Kind, string Value)> FindEmails(string text)
    {
        foreach (Match match in Email().Matches(text))
        {
            var domain = match.Value[(match.Value.IndexOf('@', StringComparison.Ordinal) + 1)..];
            if (!IsExampleDomain(domain)) yield return ("an e-mail address", match.Value);
        }
    }

    private static IEnumerable<(string Kind, string Value)> FindNumbers(string text)
    {
        // Dates and times ("2022-05-10 09:41:20", "2/21/2024") are digit runs that are nobody's number: blank them
        // out first, keeping every other character where it was.
        var searched = DateOrTime().Replace(text, found => new string('_', found.Length));

        // The number patterns only ever match inside a run of digits and separators holding nine digits or more;
        // find those runs by hand and give the regexes only them.
        foreach (var (start, length) in DigitRuns(searched))
        {
            foreach (var found in FindNumbersIn(searched, start, length)) yield return found;
        }
    }

    private static IEnumerable<(int Start, int Length)> DigitRuns(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]) && text[i] is not ('+' or '(')) { i++; continue; }
            var start = i;
            var digits = 0;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is ' ' or '-' or '.' or '(' or ')' or '+'))
            {
                if (char.IsAsciiDigit(text[i])) digits++;
                i++;
            }

            if (digits >= 9)
            {
                // Widen by one character each side so the patterns' boundary checks see real neighbours.
                var from = Math.Max(0, start - 1);
                yield return (from, Math.Min(text.Length, i + 1) - from);
            }

            if (i == start) i++;
        }
    }

    private static IEnumerable<(string Kind, string Value)> FindNumbersIn(string text, int start, int length)
    {
        var run = text.Substring(start, length);
        foreach (Match match in SocialSecurity().Matches(run)) yield return ("a US social security number", match.Value);
        foreach (Match match in CardNumber().Matches(run))
        {
            var digits = new string(match.Value.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length is >= 13 and <= 19 && PassesLuhn(digits)) yield return ("a payment card number", match.Value);
        }

        foreach (Match match in FormattedPhone().Matches(run))
        {
            var digits = match.Value.Count(char.IsAsciiDigit);
            if (digits is >= 10 and <= 15 && OneSeparator(match.Value) && !IsCardLike(match.Value) && !LooksInvented(match.Value))
            {
                yield return ("a phone number", match.Value);
            }
        }

        // A bare run of ten or more digits is far more often a number a question is about ("reverse the digits in
        // 6735725342") than a phone, unless the text just before it says it is one.
        foreach (Match match in BareDigits().Matches(run))
        {
            var before = text[Math.Max(0, start + match.Index - 40)..(start + match.Index)];
            if (match.Value.Length <= 15 && PhoneCue().IsMatch(before) && !LooksInvented(match.Value))
            {
                yield return ("a phone number", match.Value);
            }
        }
    }

    /// <summary>
    /// A phone number is written with one kind of separator between its groups (415-867-2309, 020 7946 0958); a mix
    /// of dots and dashes or spaces is a list of figures or a sum (57202.89-57000, 12.50 13.75 14.20). The country
    /// code and a bracketed area code may stand apart.
    /// </summary>
    private static bool OneSeparator(string value)
    {
        var rest = LeadingCodes().Replace(value, string.Empty);
        return rest.Where(c => c is ' ' or '.' or '-').Distinct().Count() <= 1;
    }

    /// <summary>Numbers such as 123-456-7890, 111-222-3333 or 555-0100 are placeholders, not someone's phone.</summary>
    private static bool LooksInvented(string value)
    {
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Distinct().Count() <= 3 ||
               "01234567890123456789".Contains(digits[..6], StringComparison.Ordinal) ||
               value.Contains("555", StringComparison.Ordinal);
    }

    private static bool IsExampleDomain(string domain) =>
        domain.Equals("example.com", StringComparison.OrdinalIgnoreCase) ||
        domain.Equals("example.org", StringComparison.OrdinalIgnoreCase) ||
        domain.EndsWith(".example", StringComparison.OrdinalIgnoreCase) ||
        domain.EndsWith(".test", StringComparison.OrdinalIgnoreCase);

    private static bool IsCardLike(string value) => value.Count(char.IsAsciiDigit) >= 13 && !value.Contains('+', StringComparison.Ordinal) && !value.Contains('(', StringComparison.Ordinal);

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[^(i + 1)] - '0';
            if (i % 2 == 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            sum += digit;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b\d{3}-\d{2}-\d{4}\b")]
    private static partial Regex SocialSecurity();

    [GeneratedRegex(@"\b(?:\d[ -]?){12,18}\d\b")]
    private static partial Regex CardNumber();

    // Groups of 2-4 digits with a separator between each (an optional +country code, an optional bracketed area
    // code), never starting or ending inside a longer number or a decimal.
    [GeneratedRegex(@"(?<![\w.,+-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?|\d{2,4}[ .-])\d{2,4}(?:[ .-]\d{2,4}){0,3}(?![\w%]|[.,-]\d)")]
    private static partial Regex FormattedPhone();

    [GeneratedRegex(@"(?<![\w.,-])\+?\d{10,}(?![\w%]|[.,]\d)")]
    private static partial Regex BareDigits();

    [GeneratedRegex(@"\b(?:phone|tel|telephone|mobile|cell|call|fax|whatsapp|sms|text me|contact)\b[^.\n]*$", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneCue();

    [GeneratedRegex(@"^(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?")]
    private static partial Regex LeadingCodes();

    // ISO dates with an optional time, times on their own, and d/m/y dates: never a phone or a card.
    [GeneratedRegex(@"\b\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\b|\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")]
    private static partial Regex DateOrTime();
}
