using System.Globalization;

namespace ContribBot.Core.Text;

/// <summary>
/// Estimates how many o200k_base tokens (the GPT-4o / GPT-4.1 vocabulary of GitHub Models' teachers) a text holds,
/// without loading the 40 MB vocabulary: it counts the pieces the tokenizer's pre-tokenizer would cut the text into
/// (words, groups of up to three digits, runs of punctuation, line breaks) and scales by 1.07, the median tokens per
/// piece over the seed examples of the public taxonomy (../shared/corpus; half of them within ±10%; prose runs close to
/// 1.0, tables and invoices up to 1.8). Exact tokenizing cost more than all the other checks together on large trees,
/// for a warning that only needs to be about right; the generation preview counts exactly.
/// </summary>
public static class TokenEstimator
{
    /// <summary>Median o200k tokens per pre-token piece, measured on the shared corpus.</summary>
    public const double TokensPerPiece = 1.07;

    public static int Estimate(string text) => FromPieces(CountPieces(text));

    public static int FromPieces(int pieces) => (int)Math.Round(pieces * TokensPerPiece);

    /// <summary>Pieces as o200k's pre-tokenizer cuts them, approximately.</summary>
    public static int CountPieces(ReadOnlySpan<char> text)
    {
        var pieces = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsWordChar(c))
            {
                while (i < text.Length && (IsWordChar(text[i]) || text[i] == '\'')) i++;
                pieces++;
            }
            else if (char.IsDigit(c))
            {
                var digits = 0;
                while (i < text.Length && char.IsDigit(text[i]))
                {
                    i++;
                    digits++;
                }

                pieces += (digits + 2) / 3; // numbers are cut into groups of at most three digits
            }
            else if (char.IsWhiteSpace(c))
            {
                var lineBreak = false;
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    lineBreak |= text[i] == '\n';
                    i++;
                }

                if (lineBreak) pieces++; // spaces before a word join the word; line breaks are pieces of their own
            }
            else
            {
                while (i < text.Length && !char.IsLetterOrDigit(text[i]) && !char.IsWhiteSpace(text[i])) i++;
                pieces++;
            }
        }

        return pieces;
    }

    private static bool IsWordChar(char c) =>
        char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
