using System.Text;
using ContribBot.Bot.Webhooks;

namespace ContribBot.Bot.Tests;

public sealed class WebhookSignatureTests
{
    private const string Secret = "It's a Secret to Everybody";

    // The example GitHub's documentation gives for validating deliveries: this secret and body, this signature.
    [Fact]
    public void The_signature_github_documents_for_its_example_is_valid()
    {
        var body = Encoding.UTF8.GetBytes("Hello, World!");

        Assert.Equal("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", WebhookSignature.Sign(Secret, body));
        Assert.True(WebhookSignature.IsValid(Secret, body, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")] // one digit off
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1")]  // one digit short
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")] // not hex
    public void Missing_forged_or_malformed_signatures_are_refused(string? header) =>
        Assert.False(WebhookSignature.IsValid(Secret, Encoding.UTF8.GetBytes("Hello, World!"), header));

    [Fact]
    public void A_changed_body_or_another_secret_does_not_verify()
    {
        var signature = WebhookSignature.Sign(Secret, "Hello, World!"u8);

        Assert.False(WebhookSignature.IsValid(Secret, "Hello, World?"u8, signature));
        Assert.False(WebhookSignature.IsValid("another secret", "Hello, World!"u8, signature));
        Assert.False(WebhookSignature.IsValid(string.Empty, "Hello, World!"u8, signature));
    }
}
