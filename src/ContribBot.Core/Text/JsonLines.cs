using System.Runtime.CompilerServices;

namespace ContribBot.Core.Text;

/// <summary>
/// The lines of a JSON Lines text that hold something, with their line numbers, for readers of files that may come
/// from anywhere (reviews, evaluation sets): blank lines are skipped, and a line longer than the bound is an error
/// that names it.
/// </summary>
public static class JsonLines
{
    /// <exception cref="InvalidDataException">A line is longer than <paramref name="maxLineLength"/>: "<paramref name="name"/>:N: …".</exception>
    public static async IAsyncEnumerable<(int Number, string Line)> ReadAsync(
        TextReader reader, string name, int maxLineLength, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (line.Length > maxLineLength) throw new InvalidDataException($"{name}:{number}: the line is longer than {maxLineLength:N0} characters");
            yield return (number, line);
        }
    }
}
