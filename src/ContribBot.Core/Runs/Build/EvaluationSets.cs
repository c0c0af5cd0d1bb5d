using System.Text.Json;
using ContribBot.Core.Configuration;

namespace ContribBot.Core.Runs.Build;

/// <summary>
/// The test items the build keeps out of training rows (<c>build.decontaminate</c>): each line of the named JSON Lines
/// files gives one, from its <c>messages</c> (the user's turns) or the first of its <c>question</c>, <c>prompt</c>,
/// <c>input</c>, <c>instruction</c> or <c>text</c> fields. The files are the maintainer's, but may be large or wrong,
/// so reading is bounded and a bad line is an error that names it.
/// </summary>
public static class EvaluationSets
{
    public const long MaxFileBytes = 512L * 1024 * 1024;
    public const int MaxLineLength = 1024 * 1024;
    public const int MaxItems = 2_000_000;

    private static readonly string[] Fields = ["question", "prompt", "input", "instruction", "text"];

    /// <exception cref="ConfigException">A file is missing, too large, or holds a line that is not an item.</exception>
    public static async Task<IReadOnlyList<string>> LoadAsync(string taxonomyRoot, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var items = new List<string>();
        foreach (var relative in files)
        {
            var path = Path.GetFullPath(Path.Combine(taxonomyRoot, relative));
            if (!File.Exists(path)) throw new ConfigException($"build.decontaminate: {relative} does not exist under {taxonomyRoot}.");
            if (Limits.FileKind.Of(path, followLinks: true) is Limits.FileKindValue.Special) throw new ConfigException($"build.decontaminate: {relative} is not a regular file.");
            if (new FileInfo(path).Length > MaxFileBytes) throw new ConfigException($"build.decontaminate: {relative} is larger than {MaxFileBytes / (1024 * 1024)} MiB.");
            using var reader = new StreamReader(path);
            try
            {
                await foreach (var (number, line) in Text.JsonLines.ReadAsync(reader, relative, MaxLineLength, cancellationToken).ConfigureAwait(false))
                {
                    if (items.Count == MaxItems) throw new ConfigException($"build.decontaminate: more than {MaxItems:N0} evaluation items.");
                    items.Add(Item(line) ?? throw new ConfigException(
                        $"{relative}:{number}: not an evaluation item: a JSON object with messages, or a question, prompt, input, instruction or text field."));
                }
            }
            catch (InvalidDataException exception)
            {
                throw new ConfigException(exception.Message + ".", exception);
            }
        }

        return items;
    }

    /// <summary>
    /// The decontaminator of <c>build.decontaminate</c>: the named sets' items and the seeds as test items; null when
    /// the setting is off.
    /// </summary>
    public static async Task<Generation.Filters.Decontaminator?> DecontaminatorAsync(
        string taxonomyRoot, IReadOnlyList<string>? files, IEnumerable<Generation.LeafSeeds> seeds, CancellationToken cancellationToken) =>
        files is null
            ? null
            : new Generation.Filters.Decontaminator([.. await LoadAsync(taxonomyRoot, files, cancellationToken).ConfigureAwait(false), .. seeds.SelectMany(SeedItems)]);

    /// <summary>
    /// A leaf's seeds as test items: a skill's question with its passage (a grounded skill's passage is part of the
    /// test); a knowledge seed's question alone, since its excerpt and answer come from the document that knowledge rows
    /// are meant to teach.
    /// </summary>
    public static IEnumerable<string> SeedItems(Generation.LeafSeeds seeds) => seeds.Examples.SelectMany(example => example.Pairs.Select(pair =>
        seeds.Kind == Taxonomy.LeafKind.Knowledge ? pair.Question : $"{example.Context}\n{pair.Question}"));

    private static string? Item(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
            {
                var user = messages.EnumerateArray()
                    .Where(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("role", out var role) && role.ValueEquals("user") && m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String)
                    .Select(m => m.GetProperty("content").GetString())
                    .ToList();
                return user.Count > 0 ? string.Join('\n', user) : null;
            }

            foreach (var field in Fields)
            {
                if (root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String) return value.GetString();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
