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

    [Fact]
    public void Documents_are_never_merged_into_one_chunk() =>
        Assert.Equal(2, DocumentChunker.Chunk(["First document.", "Second document."], maxTokens: 500).Count);

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
