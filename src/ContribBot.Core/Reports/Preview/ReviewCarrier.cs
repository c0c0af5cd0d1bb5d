using System.Text;
using System.Text.Json;
using ContribBot.Core.Quality.Review;

namespace ContribBot.Core.Reports.Preview;

/// <summary>
/// The verdicts of a pull request's review, carried in its comment as a hidden block (an HTML comment holding base64
/// JSON, so no text of a sample can end it early or render), for <c>contribbot reviews collect</c> to take to the build
/// after the merge. The comment is the one store both front doors share: the App writes it from its database, the
/// Action's command workflow reads and rewrites it. Only a comment written by the bot itself is read (the collector
/// checks the author), and reading is bounded.
/// </summary>
public static class ReviewCarrier
{
    public const string Opening = "<!-- contribbot:reviews v1 ";
    private const string Closing = " -->";

    /// <summary>Most characters the block takes in a comment; the newest verdicts that fit are carried.</summary>
    public const int MaxBlockLength = 16_000;

    /// <summary>The hidden block for these verdicts (newest kept when they do not all fit), or empty when there are none.</summary>
    public static string Block(IReadOnlyList<ReviewedSample> reviews)
    {
        if (reviews.Count == 0) return string.Empty;
        for (var take = reviews.Count; take > 0; take = take * 3 / 4)
        {
            var json = JsonSerializer.Serialize(reviews.Skip(reviews.Count - take).ToArray(), ReviewsFile.ReviewJson.Default.ReviewedSampleArray);
            var block = Opening + Convert.ToBase64String(Encoding.UTF8.GetBytes(json)) + Closing;
            if (block.Length <= MaxBlockLength) return block;
        }

        return string.Empty;
    }

    /// <summary>The verdicts a comment carries; none when it has no block or the block is not one (never an exception).</summary>
    public static IReadOnlyList<ReviewedSample> Read(string? body)
    {
        if (body is null) return [];
        var start = body.IndexOf(Opening, StringComparison.Ordinal);
        if (start < 0) return [];
        start += Opening.Length;
        var end = body.IndexOf(Closing, start, StringComparison.Ordinal);
        if (end < 0 || end - start > MaxBlockLength) return [];
        try
        {
            var json = Convert.FromBase64String(body[start..end]);
            var reviews = JsonSerializer.Deserialize(json, ReviewsFile.ReviewJson.Default.ReviewedSampleArray) ?? [];
            return reviews.All(review => review is { Leaf: not null, Question: not null, Answer: not null, Reviewer: not null, Seed: >= 0 }) ? reviews : [];
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return [];
        }
    }
}
