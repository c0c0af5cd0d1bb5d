using System.Text.RegularExpressions;

namespace ContribBot.Core.Generation.Filters;

/// <summary>
/// Replies where the model declines instead of doing the task ("I'm sorry, but I can't…", "As an AI language
/// model…"). Only the opening is looked at: a real answer may quote such a phrase later on.
/// </summary>
public static partial class RefusalDetector
{
    public static bool IsRefusal(string text)
    {
        var opening = text.Length > 240 ? text[..240] : text;
        return Opening().IsMatch(opening.TrimStart());
    }

    [GeneratedRegex(@"^(?:(?:I['’]m|I am)\s+(?:sorry|unable|not able)|Sorry,?\s+(?:but\s+)?I|I\s+(?:cannot|can['’]t|can not|won['’]t|will not)\s+(?:help|assist|answer|provide|do|comply|fulfil|fulfill|write|create|generate)|As an AI(?: language model)?|I apologi[sz]e)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Opening();
}
