using ContribBot.Core.Documents;
using ContribBot.Core.Generation;
using ContribBot.Core.Text;

namespace ContribBot.Core.Tests.Generation;

public sealed class DocumentChunkerTests
{
    [Fact]
    public void Chunks_fit_the_token_budget_and_keep_all_the_text_in_order()
    {
        var paragraphs = Enumerable.Range(1, 40).Select(i => $"Paragraph {i} says that the Moon shows phase number {i} to observers on Earth, once a month.");
        var document = string.Join("\n\n", paragraphs);

        var chunks = DocumentChunker.Chunk([document], maxTokens: 100);

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, chunk => Assert.InRange(TeacherTokenizer.Count(chunk), 1, 100));
        Assert.Equal(Normalize(document), Normalize(string.Join(" ", chunks)));
        Assert.StartsWith("Paragraph 1 ", chunks[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_enormous_sentence_is_cut_by_tokens()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("lunar", 1000));

        var chunks = DocumentChunker.Chunk([sentence], maxTokens: 64);

        Assert.All(chunks, chunk => Assert.InRange(TeacherTokenizer.Count(chunk), 1, 64));
        Assert.Equal(1000, chunks.Sum(chunk => chunk.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length));
    }

    [Theory]
    [InlineData("chinese")]
    [InlineData("letters")]
    [InlineData("astral")]
    public void Text_without_spaces_is_cut_into_chunks_that_fit_and_lose_nothing(string shape)
    {
        // One pre-token for the tokenizer however long: the shape that used to take minutes (60,000 letters are more
        // than 200 tokens could hold, so that text is split without being counted whole).
        var random = new Random(11);
        var text = shape switch
        {
            "chinese" => string.Concat(Enumerable.Range(0, 20_000).Select(_ => (char)(0x4E00 + random.Next(3000)))),
            "letters" => string.Concat(Enumerable.Range(0, 60_000).Select(_ => (char)('a' + random.Next(26)))),
            _ => string.Concat(Enumerable.Range(0, 10_000).Select(_ => char.ConvertFromUtf32(0x1D400 + random.Next(50)))),
        };

        var chunks = DocumentChunker.Chunk([text], maxTokens: 200);

        Assert.True(chunks.Count > 10, $"{chunks.Count} chunks");
        Assert.All(chunks, chunk => Assert.InRange(TeacherTokenizer.Count(chunk), 1, 200));
        Assert.All(chunks, chunk => Assert.False(char.IsLowSurrogate(chunk[0]) || char.IsHighSurrogate(chunk[^1]), "a surrogate pair was split"));
        Assert.Equal(text, string.Concat(chunks));
    }

    [Fact]
    public void One_long_line_of_prose_is_cut_between_words_into_chunks_that_fit()
    {
        var words = new[] { "the", "moon", "shows", "phases", "because", "sunlight", "falls", "on", "its", "near", "side" };
        var random = new Random(5);
        var line = string.Join(' ', Enumerable.Range(0, 30_000).Select(_ => words[random.Next(words.Length)]));

        var chunks = DocumentChunker.Chunk([line], maxTokens: 300);

        Assert.All(chunks, chunk => Assert.InRange(TeacherTokenizer.Count(chunk), 1, 300));
        Assert.All(chunks.SkipLast(1), chunk => Assert.True(TeacherTokenizer.Count(chunk) >= 250, "a chunk was cut far short of the budget"));
        Assert.All(chunks, chunk => Assert.All(chunk.Split(' '), word => Assert.Contains(word, words)));
        Assert.Equal(30_000, chunks.Sum(chunk => chunk.Split(' ').Length));
    }

    [Fact]
    public void Documents_are_never_merged_into_one_chunk() =>
        Assert.Equal(2, DocumentChunker.Chunk(["First document.", "Second document."], maxTokens: 500).Count);

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
