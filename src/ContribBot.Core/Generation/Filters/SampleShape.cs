using ContribBot.Core.Text;

namespace ContribBot.Core.Generation.Filters;

/// <summary>
/// Cheap checks of a question or answer's shape: empty, too short, too long, a refusal. They run before the critic,
/// so no tokens are spent judging a sample that would be dropped anyway.
/// </summary>
public static class SampleShape
{
    public static string? CheckQuestion(string question, GenerationSettings settings)
    {
        if (string.IsNullOrWhiteSpace(question)) return DropReasons.Empty;
        if (RefusalDetector.IsRefusal(question)) return DropReasons.Refusal;
        var words = TextNormalizer.WordCount(question);
        if (words < settings.MinQuestionWords) return DropReasons.TooShort;
        return words > settings.MaxQuestionWords ? DropReasons.TooLong : null;
    }

    public static string? CheckAnswer(string answer, GenerationSettings settings)
    {
        if (string.IsNullOrWhiteSpace(answer)) return DropReasons.Empty;
        if (RefusalDetector.IsRefusal(answer)) return DropReasons.Refusal;
        // Characters bound the tokens from above (o200k averages ~4 per token), so most answers skip the tokenizer.
        return answer.Length > settings.MaxAnswerTokens && TeacherTokenizer.Count(answer) > settings.MaxAnswerTokens ? DropReasons.TooLong : null;
    }
}
