using ContribBot.Core.Text;

namespace ContribBot.Core.Tests.Text;

/// <summary>
/// The shapes that made CB0508 wrong on the public taxonomy (timestamps in a chat log, a sum, a number to reverse)
/// and the ones it must still catch.
/// </summary>
public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("[Document]\n2022-05-10 09:41:20:\nEve: Thank you, Alice.\n\n2022-05-10 09:42:55:\nAlice: Will do.")]
    [InlineData("2022-07-25 09:41:25:\n Eve: Aw, that's wonderful")]
    [InlineData("Logged at 2024-02-21T13:45:10.250 and again at 2024-02-21 14:00")]
    [InlineData("DATE: 2/21/2024 and 12/01/2025 at 10:30:00")]
    [InlineData("The current total due is 57202.89. We want to reduce it because 57202.89-57000 is 202.89.")]
    [InlineData("reverse the digits in the number 6735725342")]
    [InlineData("The reversed number is 2435275376.")]
    [InlineData("The readings were 12.50 13.75 14.20 15.10 in that order.")]
    [InlineData("Multiply 1234567890 by 3.")]
    [InlineData("| 27 | Sales tax | 3,237.90 | 57,202.89 | 1,952.00 |")]
    [InlineData("Population grew from 1,402,112,000 to 1,411,750,000.")]
    [InlineData("ISBN 978-0-306-40615-7")]
    public void Dates_times_sums_and_numbers_a_question_is_about_are_not_personal_data(string text) =>
        Assert.Empty(PersonalData.Find(text));

    [Theory]
    [InlineData("Call me on 415-867-2309 tonight", "415-867-2309")]
    [InlineData("Office: (415) 867-2309", "(415) 867-2309")]
    [InlineData("Ring +44 20 7946 0958 for the desk", "+44 20 7946 0958")]
    [InlineData("reach her at 415.867.2309", "415.867.2309")]
    [InlineData("Her phone: 4158672309", "4158672309")]
    [InlineData("Mobile +4479460958 12", "+4479460958")]
    public void Phone_numbers_written_as_phone_numbers_are_found(string text, string number)
    {
        var found = Assert.Single(PersonalData.Find(text));

        Assert.Equal(("a phone number", number), found);
    }

    [Theory]
    [InlineData("Contact hamid.k@ibm.com or the chair", "hamid.k@ibm.com")]
    [InlineData("| Asha | asha.rao@gmail.com | Sales |", "asha.rao@gmail.com")]
    public void Real_e_mail_addresses_are_still_found(string text, string address) =>
        Assert.Equal(("an e-mail address", address), Assert.Single(PersonalData.Find(text)));

    [Fact]
    public void A_timestamp_beside_a_real_phone_number_leaves_the_phone_found()
    {
        var found = PersonalData.Find("2022-05-10 09:41:20: Bob: call me at 415-867-2309").ToList();

        Assert.Equal([("a phone number", "415-867-2309")], found);
    }

    [Theory]
    [InlineData("Phone: 111-222-3333")]
    [InlineData("Phone: 123-456-7890")]
    [InlineData("call 555-010-0199")]
    [InlineData("mail user@example.com")]
    public void Placeholders_are_not_personal_data(string text) => Assert.Empty(PersonalData.Find(text));

    [Fact]
    public void Card_and_social_security_numbers_are_still_found()
    {
        var kinds = PersonalData.Find("card 4111 1111 1111 1111, SSN 219-09-9999").Select(found => found.Kind).ToList();

        Assert.Contains("a payment card number", kinds);
        Assert.Contains("a US social security number", kinds);
    }
}
