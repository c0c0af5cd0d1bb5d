using Microsoft.ML.Tokenizers;

namespace ContribBot.Core.Text;

/// <summary>
/// Counts tokens with the o200k_base vocabulary (GPT-4o family, the default teacher on GitHub Models), loaded only
/// when a text is long enough that its count matters: every token is at least one character, so a text no longer
/// than a budget in characters cannot exceed it in tokens.
/// </summary>
public static class TokenCounter
{
    private static readonly Lazy<Tokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));

    public static int Count(string text) => text.Length == 0 ? 0 : Tokenizer.Value.CountTokens(text);

    /// <summary>The token count when it may exceed <paramref name="budget"/>, else the character count (a bound).</summary>
    public static int CountIfOver(string text, int budget) => text.Length <= budget ? text.Length : Count(text);
}
