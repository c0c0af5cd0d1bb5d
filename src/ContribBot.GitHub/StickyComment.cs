namespace ContribBot.GitHub;

/// <summary>
/// The one ContribBot comment on a pull request: found again by a hidden marker on its first line (and written by a
/// bot, so a person quoting the marker cannot make us edit their comment), and kept under GitHub's size limit.
/// </summary>
public static class StickyComment
{
    public const string Marker = "<!-- contribbot:sticky-comment -->";

    /// <summary>GitHub's limit on a comment body, in characters.</summary>
    public const int MaxLength = 65_536;

    public static bool IsOurs(string? body, string? authorType) =>
        body is not null && body.StartsWith(Marker, StringComparison.Ordinal) && string.Equals(authorType, "Bot", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The comment body: marker, the report, and when it is too long, the report cut before a section boundary with a
    /// note pointing at the full report (the artifact, when its URL is known).
    /// </summary>
    public static string Compose(string markdown, string? fullReportUrl, int maxLength = MaxLength)
    {
        var body = Marker + "\n" + markdown;
        if (body.Length <= maxLength) return body;

        var pointer = fullReportUrl is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? $"the full report is in the [workflow run's `contribbot-report` artifact]({uri.AbsoluteUri})."
            : "the full report is in the workflow run's `contribbot-report` artifact.";
        var note = $"\n\n> [!NOTE]\n> This comment was cut to fit GitHub's limit of {maxLength:N0} characters; {pointer}\n";
        return MarkdownFit.Cut(body, maxLength, note);
    }
}
