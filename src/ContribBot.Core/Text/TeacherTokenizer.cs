using Microsoft.ML.Tokenizers;

namespace ContribBot.Core.Text;

/// <summary>
/// Exact token counts with the o200k_base encoding (GPT-4o and later; the teacher's own tokenizer is not known for
/// arbitrary endpoints, and o200k is within a few percent of the others for English prose). Loaded once: building the
/// vocabulary takes a moment.
/// </summary>
public static class TeacherTokenizer
{
    private static readonly Lazy<Tokenizer> Instance = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static Tokenizer Tokenizer => Instance.Value;

    public static int Count(string text) => text.Length == 0 ? 0 : Instance.Value.CountTokens(text);
}
