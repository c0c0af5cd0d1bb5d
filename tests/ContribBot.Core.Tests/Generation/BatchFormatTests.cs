using System.Text.Json;
using ContribBot.Core.Generation.Batch;
using ContribBot.Core.Generation.Teacher;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Generation;

/// <summary>The batch files a build writes and the output files it reads back (which come from another system).</summary>
public sealed class BatchFormatTests
{
    private static BatchRequest Request(int n) => new(
        $"key-{n:D3}", "teacher-1",
        new ChatRequest(ChatRole.Teacher, "questions", """{"type":"object","properties":{"questions":{"type":"array"}}}""", "system text", $"user text {n}", 0.7, 512));

    [Fact]
    public void A_request_line_is_a_chat_completion_call_of_the_batch_format_under_its_key()
    {
        using var line = JsonDocument.Parse(Request(1).ToLine());
        var root = line.RootElement;

        Assert.Equal("key-001", root.GetProperty("custom_id").GetString());
        Assert.Equal("POST", root.GetProperty("method").GetString());
        Assert.Equal("/v1/chat/completions", root.GetProperty("url").GetString());
        var body = root.GetProperty("body");
        Assert.Equal("teacher-1", body.GetProperty("model").GetString());
        Assert.Equal(["system", "user"], body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("user text 1", body.GetProperty("messages")[1].GetProperty("content").GetString());
        Assert.Equal(512, body.GetProperty("max_tokens").GetInt32());
        var schema = body.GetProperty("response_format").GetProperty("json_schema");
        Assert.Equal("questions", schema.GetProperty("name").GetString());
        Assert.True(schema.GetProperty("strict").GetBoolean());
        Assert.Equal(JsonValueKind.Object, schema.GetProperty("schema").ValueKind);
    }

    [Fact]
    public void Request_files_are_split_at_the_request_and_size_limits_and_name_the_same_calls_the_same_way()
    {
        using var folder = new TempDirectory();
        var requests = Enumerable.Range(0, 5).Select(Request).Reverse().ToList();

        var byCount = BatchFiles.Write(requests, folder.Combine("count"), "r1", maxRequests: 2);
        var oneLine = System.Text.Encoding.UTF8.GetByteCount(Request(0).ToLine() + "\n");
        var bySize = BatchFiles.Write(requests, folder.Combine("size"), "r1", maxBytes: oneLine * 3 + 1);

        Assert.Equal([2, 2, 1], byCount.Select(file => file.Requests));
        Assert.Equal([3, 2], bySize.Select(file => file.Requests));
        Assert.All(bySize, file => Assert.True(new FileInfo(file.Path).Length <= oneLine * 3 + 1));
        // Key order, whatever order the calls came in.
        Assert.Equal(["key-000", "key-001"], File.ReadLines(byCount[0].Path).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("custom_id").GetString()));
        Assert.All(byCount, file => Assert.StartsWith(BatchFiles.RequestPrefix, Path.GetFileName(file.Path), StringComparison.Ordinal));
        Assert.Empty(BatchFiles.ResultFilesIn(folder.Combine("count")));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void An_answer_line_gives_the_reply_and_its_token_counts()
    {
        var result = BatchResult.Parse("""{"id":"r1","custom_id":"k","response":{"status_code":200,"body":{"choices":[{"message":{"role":"assistant","content":"{\"a\":1}"}}],"usage":{"prompt_tokens":12,"completion_tokens":3}}},"error":null}""");

        Assert.Equal(new BatchResult("k", new ChatReply("{\"a\":1}", 12, 3), null), result);
    }

    [Theory]
    [InlineData("""{"custom_id":"k","response":null,"error":{"code":"server_error","message":"the model failed"}}""", "the model failed")]
    [InlineData("""{"custom_id":"k","response":{"status_code":429,"body":{}}}""", "HTTP 429")]
    [InlineData("""{"custom_id":"k","response":{"status_code":200,"body":{"choices":[]}}}""", "the response holds no message")]
    [InlineData("""{"custom_id":"k"}""", "no response")]
    public void An_error_line_names_its_call_and_says_why(string line, string error)
    {
        var result = BatchResult.Parse(line);

        Assert.Equal("k", result!.Key);
        Assert.Null(result.Reply);
        Assert.Equal(error, result.Error);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"custom_id":7}""")]
    [InlineData("""{"response":{"status_code":200}}""")]
    [InlineData("{\"custom_id\":\"k\",\"response\":{\"status_code\":200,\"body\":{\"choices\":[{\"message\":{\"content\":\"unterminated")]
    public void A_damaged_line_is_unreadable_never_a_crash(string line)
    {
        Assert.Null(BatchResult.Parse(line));
    }

    [Fact]
    public void A_result_file_is_read_line_by_line_and_damaged_lines_are_counted()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("results.jsonl");
        File.WriteAllText(path, """
            {"custom_id":"a","response":{"status_code":200,"body":{"choices":[{"message":{"content":"x"}}]}}}
            garbage

            {"custom_id":"b","response":null,"error":{"message":"no"}}
            """ + "\n" + new string('x', BatchResult.MaxLineCharacters + 10) + "\n");

        var (results, unreadable) = BatchResult.ReadFile(path);

        Assert.Equal(["a", "b"], results.Select(r => r.Key));
        Assert.Equal(2, unreadable);
    }
}
