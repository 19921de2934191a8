using GhostAssist.Api.Analysis;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>Subject lines and our own words turned into the noun phrase a draft's sentences carry, or into nothing.</summary>
public sealed class TopicPhrasesTests
{
    private const string Body = "Hi Ruth,\n\nYour team needs to approve the connector by the 30th, otherwise reporting stops after the upgrade.\n\nAlex";

    [Theory]
    [InlineData("Connector approval needed", "the connector approval")]
    [InlineData("Workshop follow-up", "the workshop")]
    [InlineData("Reminder: connector approval", "the connector approval")]
    [InlineData("Renewal quote by Friday 12 December", "the renewal quote")]
    [InlineData("Pricing update - 3 Dec", "the pricing")]
    [InlineData("Our renewal proposal", "our renewal proposal")]
    public void SubjectLineBecomesANounPhraseInLowerCase(string subject, string expected) =>
        Assert.Equal(expected, TopicPhrases.FromSubject(subject, Body, ["Ruth Ade", "Kestrel Insure"]));

    [Theory]
    [InlineData("Can we meet next week?")]
    [InlineData("Quick question")]
    [InlineData("Checking in")]
    [InlineData("Hi Ruth")]
    [InlineData("Thanks!")]
    [InlineData("Next steps")]
    public void SubjectThatIsNotAThingGivesNoTopic(string subject) =>
        Assert.Null(TopicPhrases.FromSubject(subject, Body, ["Ruth Ade"]));

    [Fact]
    public void NamesKeepTheirCapitalsAndACompanyLabelIsDropped()
    {
        Assert.Equal("the Kestrel Home quarterly review", TopicPhrases.FromSubject("Kestrel Home quarterly review", "Fiona\nKestrel Home Insurance\nfiona@kestrelhome.example", ["Fiona Gallagher"]));
        Assert.Equal("the pilot results", TopicPhrases.FromSubject("Marlow Hotels: pilot results", "The pilot results are in.", ["Priya Nair", "Marlowhotels"]));
        Assert.Equal("the Beacon rollout", TopicPhrases.FromSubject("Beacon rollout", "Add the Beacon app in Entra ID.", []));
    }

    [Fact]
    public void AnInstructionInTheSubjectIsNamedAsTheChangeItAsksFor() =>
        Assert.Equal("the move of Beacon sign-in to SSO", TopicPhrases.FromSubject("Action needed: move Beacon sign-in to SSO by 15 December", "Add the Beacon app.", []));

    [Theory]
    [InlineData("the approval is needed", "the approval")]
    [InlineData("the recording and a summary of what", "the recording and a summary")]
    [InlineData("the first month and agree the clinics for phase two", null)]
    [InlineData("the adoption dip", null)]
    public void OurWordsAreCutBackToTheThing(string words, string? expected) =>
        Assert.Equal(expected, TopicPhrases.FromOurWords(words));
}
