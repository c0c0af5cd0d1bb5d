using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Filters;

namespace ContribBot.Core.Tests.Generation;

public sealed class PersonalDataFilterTests
{
    private static Sample Kept(string question, string answer, string? context = null) =>
        new(question, answer, true, null) { Context = context, Provenance = new SampleProvenance("skills/x", "b", null, 0, null, "t", "c", []) };

    [Fact]
    public void Masking_replaces_each_match_by_its_kind_and_counts_them_and_dropping_gives_the_reason()
    {
        Sample[] samples =
        [
            Kept("Who do I write to?", "Write to maria.lopez@northwind-labs.org or call 415-867-2301."),
            Kept("What is 2 + 2?", "4"),
            new Sample("Spam?", "mail bob.smith@contoso-mail.net", false, DropReasons.Refusal) { Provenance = new SampleProvenance("skills/x", "b", null, 1, null, "t", "c", []) },
        ];

        var masked = PersonalDataFilter.Apply(samples, PersonalDataAction.Mask);
        var dropped = PersonalDataFilter.Apply(samples, PersonalDataAction.Drop);

        Assert.Equal("Write to [e-mail address] or call [phone number].", masked[0].Answer);
        Assert.Equal((true, 2), (masked[0].Kept, masked[0].PersonalDataMasked));
        Assert.Same(samples[1], masked[1]);
        Assert.Same(samples[2], masked[2]); // already dropped: left as it was
        Assert.Equal((false, DropReasons.PersonalData), (dropped[0].Kept, dropped[0].DropReason));
        Sample[] clean = [samples[1]];
        Assert.Same(clean, PersonalDataFilter.Apply(clean, PersonalDataAction.Drop)); // nothing found: the same list
    }
}
