using System.Text;
using ContribBot.Core.Documents;
using CsCheck;

namespace ContribBot.Core.Tests.Documents;

/// <summary>Patterns come from pull requests: any text compiles to a glob or a reason, and a glob matches any path.</summary>
public sealed class DocumentGlobPropertyTests
{
    // The characters that mean something to a glob or to a regex, and a few that mean nothing.
    private const string Alphabet = "*?[]!-^/\\.(){}|+$#ab z\u00e9\u4e2d\u0007";

    private static string RandomText(Random random, int maxLength)
    {
        var text = new StringBuilder();
        for (var i = random.Next(maxLength + 1); i > 0; i--) text.Append(Alphabet[random.Next(Alphabet.Length)]);
        return text.ToString();
    }

    [Fact]
    public void Any_pattern_compiles_to_a_glob_or_a_reason_and_never_throws()
    {
        var refused = 0;
        var compiled = 0;
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var pattern = RandomText(random, 40);
            var result = DocumentGlob.Compile(pattern);
            Assert.True(result.Glob is null != result.Error is null, pattern);
            if (result.Glob is not { } glob)
            {
                Interlocked.Increment(ref refused);
                return;
            }

            Interlocked.Increment(ref compiled);
            for (var i = 0; i < 5; i++) glob.IsMatch(RandomText(random, 60));
        }, iter: 5000);

        // Both outcomes must actually occur, or the generator tests only one of them.
        Assert.True(refused > 100 && compiled > 1000, $"refused {refused}, compiled {compiled}");
    }

    [Fact]
    public void A_pattern_without_glob_characters_matches_exactly_itself()
    {
        Gen.String[Gen.Char["ab.-^$()+{}|# z"], 1, 30].Sample(literal =>
        {
            var glob = DocumentGlob.Compile(literal).Glob!;
            Assert.True(glob.IsMatch(literal), literal);
            Assert.False(glob.IsMatch(literal + "a"), literal);
            Assert.False(glob.IsMatch("a/" + literal), literal);
        }, iter: 2000);
    }

    [Fact]
    public void A_star_never_crosses_a_folder_and_a_double_star_does()
    {
        Gen.Select(Gen.String[Gen.Char["abc"], 1, 8], Gen.String[Gen.Char["abc"], 1, 8]).Sample((folder, name) =>
        {
            Assert.False(DocumentGlob.Compile("*.md").Glob!.IsMatch($"{folder}/{name}.md"));
            Assert.True(DocumentGlob.Compile("**/*.md").Glob!.IsMatch($"{folder}/{name}.md"));
            Assert.True(DocumentGlob.Compile($"{folder}/*").Glob!.IsMatch($"{folder}/{name}"));
        }, iter: 1000);
    }

    [Fact]
    public void Matching_a_long_path_against_a_backtracking_bomb_finishes()
    {
        // Nested stars over a near-miss are exponential for a backtracking matcher; this one does not backtrack.
        var glob = DocumentGlob.Compile(string.Concat(Enumerable.Repeat("*a", 30)) + "b").Glob!;

        Assert.False(glob.IsMatch(new string('a', 5000)));
    }
}
