using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContribBot.Core.Quality.Review;

/// <summary>
/// A reviews file: JSON Lines, one <see cref="ReviewedSample"/> a line. <c>contribbot reviews collect</c> writes it
/// from the pull requests' comments; <c>contribbot build --reviews FILE</c> reads it. It may come from anywhere, so
/// reading is bounded (size, line length, lines) and a bad line is an error that names its line.
/// </summary>
public static partial class ReviewsFile
{
    public const long MaxBytes = 64L * 1024 * 1024;
    public const int MaxLineLength = 64 * 1024;
    public const int MaxReviews = 200_000;

    [JsonSourceGenerationOptions(MaxDepth = 8)]
    [JsonSerializable(typeof(ReviewedSample))]
    [JsonSerializable(typeof(ReviewedSample[]))]
    internal sealed partial class ReviewJson : JsonSerializerContext;

    /// <exception cref="InvalidDataException">The file is too large or a line is not a review; the message names the line.</exception>
    public static async Task<IReadOnlyList<ReviewedSample>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"the reviews file {path} does not exist", path);
        if (info.Length > MaxBytes) throw new InvalidDataException($"{path}: {info.Length:N0} bytes is more than a reviews file may hold ({MaxBytes:N0})");
        using var reader = new StreamReader(path, Encoding.UTF8);
        return await ReadAsync(reader, path, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<ReviewedSample>> ReadAsync(TextReader reader, string name, CancellationToken cancellationToken)
    {
        var reviews = new List<ReviewedSample>();
        await foreach (var (number, line) in Text.JsonLines.ReadAsync(reader, name, MaxLineLength, cancellationToken).ConfigureAwait(false))
        {
            if (reviews.Count == MaxReviews) throw Bad(name, number, $"more than {MaxReviews:N0} reviews");
            reviews.Add(Parse(line, number) ?? throw Bad(name, number, "not a review: it needs leaf, seed, question, answer, criticKept, good, reviewer and at"));
        }

        return reviews;

        ReviewedSample? Parse(string line, int number)
        {
            try
            {
                var review = JsonSerializer.Deserialize(line, ReviewJson.Default.ReviewedSample);
                // The source generator leaves a missing string member null whatever its annotation says.
                return review is { Leaf: not null, Question: not null, Answer: not null, Reviewer: not null } && review.Seed >= 0 ? review : null;
            }
            catch (JsonException exception)
            {
                throw Bad(name, number, exception.Message);
            }
        }
    }

    public static string ToLine(ReviewedSample review) => JsonSerializer.Serialize(review, ReviewJson.Default.ReviewedSample);

    public static async Task WriteAsync(string path, IEnumerable<ReviewedSample> reviews, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var review in reviews) text.Append(ToLine(review)).Append('\n');
        await File.WriteAllTextAsync(path, text.ToString(), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The reviews that count: a later verdict on the same sample (pull request, preview and id) replaces an earlier
    /// one (a maintainer changed their mind); reviews that do not name their sample are all kept.
    /// </summary>
    public static IReadOnlyList<ReviewedSample> Latest(IEnumerable<ReviewedSample> reviews) =>
        reviews.Select((review, index) => (Review: review, Index: index))
            .GroupBy(item => item.Review is { PullRequest: { } pull, SampleId: { } id } ? $"{pull}\n{item.Review.Preview}\n{id}" : $"#{item.Index}", StringComparer.Ordinal)
            .Select(group => group.Select(item => item.Review))
            .Select(group => group.MaxBy(review => review.At)!)
            .OrderBy(review => review.At).ThenBy(review => review.Leaf, StringComparer.Ordinal)
            .ToList();

    private static InvalidDataException Bad(string name, int line, string why) => new($"{name}:{line}: {why}");
}
