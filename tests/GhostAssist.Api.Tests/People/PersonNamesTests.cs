using GhostAssist.Api.People;

namespace GhostAssist.Api.Tests.People;

/// <summary>One reading of people's names for the analysis, the drafts and the invites.</summary>
public sealed class PersonNamesTests
{
    [Theory]
    [InlineData("Dr. Jens Albers", null, "Jens")]
    [InlineData("Dr Jens Albers", null, "Jens")]
    [InlineData("Prof. Dr. Jens Albers", null, "Jens")]
    [InlineData("Albers, Jens", null, "Jens")]
    [InlineData("Albers, Dr. Jens", null, "Jens")]
    [InlineData("ALBERS, JENS", null, "Jens")]
    [InlineData("Jens Albers (Contoso)", null, "Jens")]
    [InlineData("Jens Albers | Contoso GmbH", null, "Jens")]
    [InlineData("Jens Albers, PhD", null, "Jens")]
    [InlineData("\"Jens Albers\"", null, "Jens")]
    [InlineData("Anne-Marie O'Neil", null, "Anne-Marie")]
    [InlineData("jens.albers@contoso.com", null, "Jens")]
    [InlineData(null, "jens.albers@contoso.com", "Jens")]
    [InlineData("", "jens_albers@contoso.com", "Jens")]
    [InlineData("Dr.", "jens.albers@contoso.com", "Jens")]
    [InlineData("J. Albers", "jalbers@contoso.com", null)]
    [InlineData(null, "info@contoso.com", null)]
    [InlineData(null, "sales.team@contoso.com", null)]
    [InlineData(null, "jalbers@contoso.com", null)]
    [InlineData("info@contoso.com", null, null)]
    public void FirstNameIsTheGivenNameToGreet(string? displayName, string? address, string? expected) =>
        Assert.Equal(expected, PersonNames.FirstName(displayName, address));

    [Fact]
    public void HonorificIsNeverGreetedAsAName()
    {
        // The three readings that disagreed: "Hi Dr.," came from the one that took the first word.
        Assert.Equal("Jens", PersonNames.FirstName("Dr. Jens Albers"));
        Assert.NotEqual("Dr.", PersonNames.FirstName("Dr. Jens Albers"));
    }

    [Theory]
    [InlineData("Jens\r\nBcc: all@contoso.com", "Jens Bcc: all@contoso.com")]
    [InlineData("Jens\tAlbers", "Jens Albers")]
    [InlineData("Jens \u202EsreblA\u202C", "Jens sreblA")]
    [InlineData("\u2066Jens\u2069 Albers\u200B", "Jens Albers")]
    [InlineData("  'Jens   Albers'  ", "Jens Albers")]
    [InlineData("Jens\u0000Albers\u0007", "Jens Albers")]
    public void CleanRemovesWhatCouldBreakALineOrTheReadingOrder(string raw, string expected) =>
        Assert.Equal(expected, PersonNames.Clean(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u202E\u202C\r\n")]
    [InlineData("\"\"")]
    public void CleanOfNothingReadableIsNull(string? raw) => Assert.Null(PersonNames.Clean(raw));

    [Fact]
    public void CleanCutsALongNameAtAWord()
    {
        var raw = string.Join(' ', Enumerable.Repeat("Bartholomew", 40));
        var clean = PersonNames.Clean(raw)!;
        Assert.InRange(clean.Length, 40, PersonNames.MaxDisplayName);
        Assert.EndsWith("Bartholomew", clean);
    }

    [Fact]
    public void CleanNeverLeavesHalfASurrogatePair()
    {
        var raw = new string('a', PersonNames.MaxDisplayName - 1) + "\U0001F600\U0001F600";
        var clean = PersonNames.Clean(raw)!;
        Assert.False(char.IsHighSurrogate(clean[^1]));
    }
}
