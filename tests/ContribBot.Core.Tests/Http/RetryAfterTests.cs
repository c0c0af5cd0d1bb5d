using ContribBot.Core.Http;

namespace ContribBot.Core.Tests.Http;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("7", 7)]
    [InlineData("0.5", 0.5)]
    [InlineData("-3", 0)]
    [InlineData("Tue, 24 Nov 2026 12:00:30 GMT", 30)]
    [InlineData("Tue, 24 Nov 2026 11:59:00 GMT", 0)]
    public void Reads_seconds_or_an_http_date(string value, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfter.Parse(value, Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    public void Anything_else_is_no_answer(string? value) => Assert.Null(RetryAfter.Parse(value, Now));
}
