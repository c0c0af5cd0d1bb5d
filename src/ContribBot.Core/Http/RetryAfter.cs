using System.Globalization;

namespace ContribBot.Core.Http;

/// <summary>
/// The <c>Retry-After</c> header, for every client that honours it (the teacher endpoint, the GitHub API): seconds,
/// or an HTTP date; a wait in the past or a negative number is no wait at all.
/// </summary>
public static class RetryAfter
{
    /// <returns>How long to wait, or null when the value is neither seconds nor a date.</returns>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, TimeSpan.MaxValue.TotalSeconds / 2));
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date > now ? date - now : TimeSpan.Zero
            : null;
    }
}
