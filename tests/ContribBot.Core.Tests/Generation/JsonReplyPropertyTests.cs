using System.Globalization;
using System.Text;
using System.Text.Json;
using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Pipelines;
using CsCheck;

namespace ContribBot.Core.Tests.Generation;

/// <summary>
/// A teacher's reply is untrusted input: whatever it sends, the reply parser gives a value or nothing, and a score read
/// from it is a finite number or nothing; never an exception.
/// </summary>
public sealed class JsonReplyPropertyTests
{
    private static readonly string[] Numbers =
        ["0", "-0", "7", "4.5", "1e400", "-1e400", "1e-400", "NaN", "Infinity", "-Infinity", new string('9', 60), "0x1F", "1_000", ".5", "5."];

    private static readonly string[] Strings =
        ["\"yes\"", "\"no\"", "\"2\"", "\"NaN\"", "\"Infinity\"", "\"1e999\"", "\"\\u0000\"", "\"\\ud800\"", "\"\"", "\"```\"", "\"{\"", "\"a\\\"b\""];

    private static readonly string[] Names = ["score", "question", "answer", "questions", "", "sc\\u006fre"];

    /// <summary>A JSON-ish value: well formed or not, with the numbers and strings that break naive readers.</summary>
    private static string Value(Random random, int depth) => random.Next(depth > 4 ? 3 : 6) switch
    {
        0 => Numbers[random.Next(Numbers.Length)],
        1 => Strings[random.Next(Strings.Length)],
        2 => random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" },
        3 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => Value(random, depth + 1))) + "]",
        _ => Object(random, depth + 1),
    };

    private static string Object(Random random, int depth) =>
        "{" + string.Join(",", Enumerable.Range(0, random.Next(5)).Select(_ => $"\"{Names[random.Next(Names.Length)]}\":{Value(random, depth)}")) + "}";

    /// <summary>The object as a server might send it: bare, fenced, among chatter, cut short, or nested past the depth limit.</summary>
    private static string Reply(Random random)
    {
        var json = Object(random, 0);
        return random.Next(7) switch
        {
            0 => json,
            1 => $"```json\n{json}\n```",
            2 => $"Sure! Here it is: {json} Hope that helps.",
            3 => json[..random.Next(json.Length)],
            4 => new string('{', random.Next(1, 400)) + json,
            5 => json.Replace(':', random.Next(2) == 0 ? '=' : ':'),
            _ => string.Concat(Enumerable.Repeat(json, random.Next(1, 4))),
        };
    }

    [Fact]
    public void Any_reply_parses_to_an_object_or_nothing_and_its_fields_read_without_throwing()
    {
        var parsed = 0;
        var unparsed = 0;
        Gen.Int.Sample(seed =>
        {
            var reply = Reply(new Random(seed));
            var json = JsonReply.TryParse(reply);
            Interlocked.Increment(ref json is null ? ref unparsed : ref parsed);
            var outcome = new LeafChat.Outcome(json, reply, CallFailed: false);
            foreach (var name in Names)
            {
                if (outcome.Number(name) is { } number) Assert.True(double.IsFinite(number), $"{name}={number} from {reply}");
                _ = outcome.String(name);
                _ = outcome.Strings(name);
            }
        }, iter: 5000);

        Assert.True(parsed > 1000 && unparsed > 500, $"parsed {parsed}, unparsed {unparsed}");
    }

    [Fact]
    public void A_well_formed_object_is_always_found_bare_fenced_or_among_chatter()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            string json;
            do json = Object(random, 0);
            while (!IsValidJson(json));
            Assert.NotNull(JsonReply.TryParse(json));
            Assert.NotNull(JsonReply.TryParse($"```json\n{json}\n```"));
            Assert.NotNull(JsonReply.TryParse($"Here you go: {json} -- the teacher"));
        }, iter: 2000);
    }

    [Fact]
    public void A_score_past_what_a_double_holds_is_no_score()
    {
        Gen.Select(Gen.Int[309, 5000], Gen.Bool).Sample((exponent, quoted) =>
        {
            var number = "1e" + exponent.ToString(CultureInfo.InvariantCulture);
            var reply = quoted ? $"{{\"score\": \"{number}\"}}" : $"{{\"score\": {number}}}";
            Assert.Null(new LeafChat.Outcome(JsonReply.TryParse(reply), reply, CallFailed: false).Number("score"));
        }, iter: 500);
    }

    [Fact]
    public void A_string_that_escapes_a_lone_surrogate_is_no_string()
    {
        const string reply = "{\"question\": \"\\ud800\", \"questions\": [\"\\udc00\", \"kept\"], \"score\": \"\\ud800\"}";
        var outcome = new LeafChat.Outcome(JsonReply.TryParse(reply), reply, CallFailed: false);

        Assert.Null(outcome.String("question"));
        Assert.Equal(["kept"], outcome.Strings("questions"));
        Assert.Null(outcome.Number("score"));
    }

    private static bool IsValidJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(text), new JsonDocumentOptions { MaxDepth = 16 });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
