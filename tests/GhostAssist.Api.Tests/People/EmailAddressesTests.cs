using GhostAssist.Api.People;

namespace GhostAssist.Api.Tests.People;

public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("alex@contoso.com")]
    [InlineData("first.last+tag@mail.contoso.co.uk")]
    public void APlainAddressIsAnAddress(string address) => Assert.True(EmailAddresses.IsValid(address));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("alex")]
    [InlineData("alex@localhost")]
    [InlineData("Alex <alex@contoso.com>")]
    [InlineData("\"Alex\" alex@contoso.com")]
    [InlineData("alex@contoso.com, dana@contoso.com")]
    [InlineData(" alex@contoso.com")]
    [InlineData("alex@contoso.com\r\nBcc: eve@evil.example")]
    [InlineData("ana@hacker.com\u202E")]
    public void AnythingButOneBareAddressIsNot(string? text) => Assert.False(EmailAddresses.IsValid(text));

    [Fact]
    public void AnAddressLongerThanTheLimitIsNot()
    {
        var longest = new string('a', 64) + "@" + new string('b', EmailAddresses.MaxLength - 69) + ".com";
        Assert.Equal(EmailAddresses.MaxLength, longest.Length);

        Assert.True(EmailAddresses.IsValid(longest));
        Assert.False(EmailAddresses.IsValid("a" + longest));
    }

    [Fact]
    public void NormalizeTrimsAndRefuses()
    {
        Assert.Equal("alex@contoso.com", EmailAddresses.Normalize("  alex@contoso.com \n"));
        Assert.Null(EmailAddresses.Normalize("not an address"));
    }
}
