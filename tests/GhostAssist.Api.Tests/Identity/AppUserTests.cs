using GhostAssist.Api.Identity;

namespace GhostAssist.Api.Tests.Identity;

public sealed class AppUserTests
{
    [Theory]
    [InlineData("Alex Morgan", "Alex")]
    [InlineData("Morgan, Alex", "Alex")]
    [InlineData("Dr. Alex Morgan", "Alex")]
    public void SignedInUsersFirstNameIsReadLikeEveryOtherName(string name, string expected) =>
        Assert.Equal(expected, new AppUser("oid", "tid", name, "alex.morgan@contoso.example", [], []).FirstName);
}
