using System.Text;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Testing;
using CsCheck;

namespace ContribBot.Core.Tests.Taxonomy;

/// <summary>
/// The fast block-style reader is an optimisation, never a second opinion: wherever it takes a text, what it hands the
/// rules (tree, positions, types, tokens, duplicates, warnings, failures) equals what the general reader hands them.
/// </summary>
public sealed class BlockYamlReaderTests
{
    private const string FilePath = "/t/qna.yaml";

    /// <summary>The fast reader as validation uses it: rewriting the forms the reference loader reads, as the general reader does.</summary>
    private static string? Fast(string text) =>
        BlockYamlReader.TryReadRepairing(FilePath, text, YamlLimits.Default) is { } result ? YamlReadDump.Of(result) : null;

    private static string? FastWithoutRewrites(string text) =>
        BlockYamlReader.TryRead(FilePath, text, YamlLimits.Default) is { } result ? YamlReadDump.Of(result) : null;

    /// <summary>YamlDotNet alone, with the reference loader's rewrites: the reading the fast paths must match.</summary>
    private static string General(string text) => YamlReadDump.Of(YamlReader.ReadWithYamlDotNet(FilePath, text, YamlLimits.Default, fastAfterRewrite: false));

    private static string Production(string text) => YamlReadDump.Of(YamlReader.Read(FilePath, text, YamlLimits.Default));

    [Fact]
    public void Every_leaf_kept_in_this_repository_is_read_fast_and_alike()
    {
        var leaves = Directory.EnumerateFiles(RepositoryPaths.Root, "qna.yaml", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(leaves);
        foreach (var leaf in leaves)
        {
            var text = File.ReadAllText(leaf);
            if (text.Contains('\t', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal)) continue;
            var fast = Fast(text);
            if (fast is not null) Assert.Equal(General(text), fast);
        }
    }

    [Theory]
    [InlineData("a: plain\nb: 'single ''quoted'''\nc: \"double \\\"quoted\\\" \\x41\\u00e9\\U0001F600\"\n")]
    [InlineData("a: one\n  two\n\n  three   \n  four # not a comment? yes it is\nb: x\n")]
    [InlineData("a: \"joined\\\n  here\"\nb: 'folded\n\n  with a blank'\n")]
    [InlineData("a: \"trailing   \n  spaces \\  \n  kept\"\nb: 'x  \n\n\n  y  '\nc: \"  \"\n")]
    [InlineData("a: |\n  line\n    deeper\n\n  last\n\n\nb: >-\n  folded\n  text\n\n   more\n  end\nc: |+\n  kept\n\n")]
    [InlineData("---\nseed_examples:\n- question: q\n  answer: a\n-   question: q2\n    answer:\n- \nlist:\n  -\n  - x\n")]
    [InlineData("# head\nk: v # tail\n# between\n\nm:\n  # inside\n  n: 1\n  o: 2020-01-01\n  p: ~\n  q: 1.5\n  r: yes\n")]
    [InlineData("a: b\na: c\n<<: x\nd: 'no final newline'")]
    [InlineData("a:\n  b:\n    c:\n      - d: 1\n        e: 2\n      - f\nz: end\n")]
    public void Common_block_forms_are_taken_and_read_alike(string text)
    {
        var fast = Fast(text);

        Assert.NotNull(fast);
        Assert.Equal(General(text), fast);
    }

    [Theory]
    [InlineData("seed_examples:\n  - question: \"Replace the words in this text: I am taking my dog to the park\n    for a walk\"\n    answer: a\n")]
    [InlineData("seed_examples:\n  - question: \"one\n    two\"\n    answer: \"three\n    four\"\n  - question: |\n\n      late text\n")]
    [InlineData("a: \"line one\nline two at the key's column\"\n")]
    public void Forms_the_reference_loader_reads_are_rewritten_and_then_read_fast_as_yamldotnet_reads_the_rewrite(string text)
    {
        Assert.Null(FastWithoutRewrites(text));
        Assert.Equal(General(text), Production(text));
        Assert.Contains("CB0116", Production(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("a: [1, 2]\n")]
    [InlineData("a: {b: 1}\n")]
    [InlineData("a:\tb\n")]
    [InlineData("a: b\r\n")]
    [InlineData("a: b\n---\nc: d\n")]
    [InlineData("? a\n: b\n")]
    [InlineData("a: |2\n   x\n")]
    [InlineData("a: |\n\n  x\n")]
    [InlineData("a: \"\\ud83d\\ude00\"\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a: \"x\"# c\n")]
    [InlineData("plain scalar document\n")]
    [InlineData("a: b\nno colon here\n")]
    // YamlDotNet runs these plain scalars on past the ': ' (a word in them starts with '*'); PyYAML does not.
    [InlineData("question the null 3 *stardomain: 'a:b  '\n")]
    [InlineData("seed_examples:\n  -  question:[ the null 3 *stardomain: 'a:b  '")]
    public void Forms_outside_the_block_subset_or_refused_are_left_to_the_general_reader(string text)
    {
        Assert.Null(Fast(text));
    }

    [Fact]
    public void Generated_leaves_in_every_style_are_taken_and_read_alike()
    {
        var taken = 0;
        var total = 0;
        Gen.Int.Sample(seed =>
        {
            var text = GeneratedLeaf.Write(new Random(seed));
            Assert.Equal(General(text), Production(text));
            var fast = Fast(text);
            Interlocked.Increment(ref total);
            if (fast is null) return;
            Interlocked.Increment(ref taken);
            Assert.Equal(General(text), fast);
        }, iter: 3000);

        // The generator writes only forms the fast reader is meant to take; a reader that declined them would test nothing.
        Assert.True(taken >= total * 9 / 10, $"taken {taken} of {total}");
    }

    [Fact]
    public void Damaged_leaves_are_either_read_alike_or_left_to_the_general_reader()
    {
        var taken = 0;
        var declined = 0;
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var text = GeneratedLeaf.Damage(GeneratedLeaf.Write(random), random);
            Assert.Equal(General(text), Production(text));
            var fast = Fast(text);
            if (fast is null)
            {
                Interlocked.Increment(ref declined);
                return;
            }

            Interlocked.Increment(ref taken);
            Assert.Equal(General(text), fast);
        }, iter: 6000);

        Assert.True(taken > 1000 && declined > 100, $"taken {taken}, declined {declined}");
    }

    /// <summary>Leaf-shaped YAML in the styles real contributors and YAML dumpers write, chosen at random.</summary>
    private static class GeneratedLeaf
    {
        private static readonly string[] Words =
        [
            "moon", "tide", "yes", "no", "3", "1.5", "null", "~", "2024-01-01", "a:b", "x#y", "-dash", "?q", ":c",
            "é", "naïve", "😀", "日本語", "50%", "@home", "`tick`", "it's", "say \"hi\"", "back\\slash", "<<", "- item",
            "key: value", "#tag", "|pipe", ">gt", "[x]", "{y}", "&amp", "*star", "!bang", ",comma", "true", "0x1F", "",
        ];

        private static readonly string[] SeedKeys = ["question", "answer", "context"];
        private static readonly string[] Chomping = ["", "-", "+"];
        private static readonly string[] Escapes = ["\\n", "\\t", "\\x41", "\\u00e9", "\\U0001F600", "\\/", "\\0"];

        public static string Write(Random random)
        {
            var text = new StringBuilder();
            if (random.Next(6) == 0) text.Append("---\n");
            if (random.Next(3) == 0) text.Append("# a leaf\n");
            var step = random.Next(1, 5);
            Entry(text, random, 0, "version", () => random.Next(4).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Scalar(text, random, 0, "created_by");
            Scalar(text, random, 0, "task_description");
            text.Append("seed_examples:");
            Comment(text, random);
            text.Append('\n');
            var dash = random.Next(3) == 0 ? 0 : step;
            var seeds = random.Next(1, 5);
            for (var s = 0; s < seeds; s++)
            {
                if (random.Next(4) == 0) text.Append('\n');
                if (random.Next(5) == 0) text.Append(' ', random.Next(0, 6)).Append("# between seeds\n");
                var gap = random.Next(1, 4);
                text.Append(' ', dash).Append('-').Append(' ', gap);
                var keyColumn = dash + 1 + gap;
                var keys = SeedKeys.Take(random.Next(1, 4)).ToList();
                for (var k = 0; k < keys.Count; k++)
                {
                    if (k > 0) text.Append(' ', keyColumn);
                    ScalarValue(text, random, keyColumn, keys[k]);
                }
            }

            if (random.Next(3) == 0)
            {
                text.Append("document:\n");
                Entry(text, random, step, "repo", () => "https://example.org/docs.git");
                Entry(text, random, step, "commit", () => "0123abc");
                text.Append(' ', step).Append("patterns:\n");
                text.Append(' ', step + random.Next(0, 3)).Append("- notes/*.md\n");
            }

            Scalar(text, random, 0, "domain");
            var result = text.ToString();
            return random.Next(8) == 0 ? result.TrimEnd('\n') : result;
        }

        /// <summary>One to three edits of the kind a hurried contributor or a hostile one makes.</summary>
        public static string Damage(string text, Random random)
        {
            string[] pieces = [" ", "\n", ":", ": ", "- ", "#", " #", "'", "\"", "|", ">", "\\", "  ", "---\n", "&a ", "*a", "[", "{", "\t", "? ", "\r", "...\n", "%", "\\x4", "\\u00e9", "\n\n"];
            var builder = new StringBuilder(text);
            for (var edits = random.Next(1, 4); edits > 0 && builder.Length > 0; edits--)
            {
                var at = random.Next(builder.Length);
                if (random.Next(3) == 0) builder.Remove(at, 1);
                else builder.Insert(at, pieces[random.Next(pieces.Length)]);
            }

            return builder.ToString();
        }

        private static void Entry(StringBuilder text, Random random, int column, string key, Func<string> value)
        {
            text.Append(' ', column).Append(key).Append(": ").Append(value());
            Comment(text, random);
            text.Append('\n');
        }

        private static void Scalar(StringBuilder text, Random random, int column, string key)
        {
            text.Append(' ', column);
            ScalarValue(text, random, column, key);
        }

        /// <summary><c>key: value</c> in one of the scalar styles, the key already indented to <paramref name="column"/>.</summary>
        private static void ScalarValue(StringBuilder text, Random random, int column, string key)
        {
            text.Append(key).Append(':');
            var inner = column + random.Next(1, 5);
            switch (random.Next(7))
            {
                case 0:
                    text.Append(' ').Append(PlainWords(random));
                    Comment(text, random);
                    text.Append('\n');
                    break;
                case 1:
                    text.Append(' ').Append(PlainWords(random)).Append('\n');
                    for (var line = random.Next(1, 4); line > 0; line--)
                    {
                        if (random.Next(4) == 0) text.Append('\n');
                        text.Append(' ', inner).Append(PlainWords(random)).Append(random.Next(4) == 0 ? "  " : "").Append('\n');
                    }

                    break;
                case 2:
                    text.Append(" '").Append(Quoted(random, '\'', inner)).Append("'\n");
                    break;
                case 3:
                    text.Append(" \"").Append(Quoted(random, '"', inner)).Append("\"\n");
                    break;
                case 4 or 5:
                    text.Append(' ').Append(random.Next(2) == 0 ? '|' : '>').Append(Chomping[random.Next(Chomping.Length)]);
                    if (random.Next(5) == 0) text.Append(" # header comment");
                    text.Append('\n');
                    // The first line sets the indentation; later ones may be blank, blank with spaces, or deeper.
                    for (var line = 0; line < random.Next(1, 6); line++)
                    {
                        if (line > 0 && random.Next(5) == 0) text.Append(random.Next(2) == 0 ? "\n" : new string(' ', random.Next(0, inner + 3)) + "\n");
                        text.Append(' ', inner + (line > 0 && random.Next(5) == 0 ? random.Next(1, 3) : 0)).Append(Words[random.Next(Words.Length)]).Append(' ').Append(PlainWords(random)).Append('\n');
                    }

                    if (random.Next(4) == 0) text.Append('\n', random.Next(1, 3));
                    break;
                default:
                    text.Append(random.Next(2) == 0 ? "\n" : " \n");
                    break;
            }
        }

        private static void Comment(StringBuilder text, Random random)
        {
            if (random.Next(4) == 0) text.Append(' ', random.Next(1, 3)).Append("# note: a comment");
        }

        private static string PlainWords(Random random)
        {
            // Words a plain scalar can start with and hold; the rest go inside.
            string[] starts = ["Why", "the", "moon", "3", "yes", "2024-01-01", "a:b", "-dash", "é", "😀", "x#y", "<<", "null"];
            var text = new StringBuilder(starts[random.Next(starts.Length)]);
            for (var i = random.Next(0, 6); i > 0; i--)
            {
                var word = Words[random.Next(Words.Length)];
                if (word.Contains(": ", StringComparison.Ordinal) || word.StartsWith('#') || word.Length == 0) word = "plain";
                text.Append(' ').Append(word);
            }

            return text.ToString();
        }

        private static string Quoted(Random random, char quote, int inner)
        {
            var text = new StringBuilder();
            for (var i = random.Next(1, 8); i > 0; i--)
            {
                var word = Words[random.Next(Words.Length)];
                word = quote == '\'' ? word.Replace("'", "''", StringComparison.Ordinal) : word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
                text.Append(word);
                switch (random.Next(10))
                {
                    case 0:
                        text.Append('\n').Append(' ', inner);
                        break;
                    case 1:
                        text.Append("\n\n").Append(' ', inner);
                        break;
                    case 2 when quote == '"':
                        text.Append("\\\n").Append(' ', inner).Append(random.Next(2) == 0 ? "\\ " : "");
                        break;
                    case 3 when quote == '"':
                        text.Append(Escapes[random.Next(Escapes.Length)]);
                        break;
                    case 5:
                        // A continuation at or left of its key, as real contributions have them (rewritten, with a warning).
                        text.Append('\n').Append(' ', Math.Max(0, inner - random.Next(2, 8)));
                        break;
                    case 4:
                        // Spaces before a line break are dropped; an escaped one is kept.
                        text.Append(quote == '"' && random.Next(2) == 0 ? "\\ " : "").Append(' ', random.Next(1, 4)).Append('\n').Append(' ', inner);
                        break;
                    default:
                        text.Append(' ', random.Next(1, 3));
                        break;
                }
            }

            return text.ToString();
        }
    }
}
