using GhostAssist.Api.Analysis;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>Quoted history in the forms real clients write it, beyond the talon corpus.</summary>
public sealed class ReplyExtractionTests
{
    public static TheoryData<string, string> OutlookHeaderBlocks() => new()
    {
        { "English", "From: Dana Whitfield <dana@northwind.com>\nSent: Monday, 3 November 2026 10:00\nTo: Alex Morgan\nSubject: Renewal" },
        { "German", "Von: Dana Whitfield <dana@northwind.de>\nGesendet: Montag, 3. November 2026 10:00\nAn: Alex Morgan\nBetreff: Verlängerung" },
        { "French", "De : Dana Whitfield <dana@northwind.fr>\nEnvoyé : lundi 3 novembre 2026 10:00\nÀ : Alex Morgan\nObjet : Renouvellement" },
        { "Spanish", "De: Dana Whitfield <dana@northwind.es>\nEnviado el: lunes, 3 de noviembre de 2026 10:00\nPara: Alex Morgan\nAsunto: Renovación" },
        { "Dutch", "Van: Dana Whitfield <dana@northwind.nl>\nVerzonden: maandag 3 november 2026 10:00\nAan: Alex Morgan\nOnderwerp: Verlenging" },
        { "Italian", "Da: Dana Whitfield <dana@northwind.it>\nInviato: lunedì 3 novembre 2026 10:00\nA: Alex Morgan\nOggetto: Rinnovo" },
        { "Portuguese", "De: Dana Whitfield <dana@northwind.pt>\nEnviada em: segunda-feira, 3 de novembro de 2026 10:00\nPara: Alex Morgan\nAssunto: Renovação" },
        { "Bold Gmail text", "*From:* Dana Whitfield <dana@northwind.com>\n*Date:* Mon, Nov 3, 2026 at 10:00 AM\n*Subject:* Renewal\n*To:* Alex Morgan" },
    };

    [Theory]
    [MemberData(nameof(OutlookHeaderBlocks))]
    public void OutlookHeaderBlockInAnyLanguageStartsTheHistory(string language, string header)
    {
        var reply = ReplyExtractor.ExtractText($"Sounds good, let's do Thursday.\n\nAlex\n\n________________________________\n{header}\n\nOld message text.");
        Assert.True(reply.HistoryRemoved, language);
        Assert.Equal("Sounds good, let's do Thursday.\n\nAlex", reply.NewText);
    }

    public static TheoryData<string> Attributions() => new()
    {
        "On Mon, Nov 3, 2026 at 10:00 AM Dana Whitfield <dana@northwind.com> wrote:",
        "Am 03.11.2026 um 10:00 schrieb Dana Whitfield <dana@northwind.de>:",
        "Le lun. 3 nov. 2026 à 10:00, Dana Whitfield <dana@northwind.fr> a écrit :",
        "El lun, 3 nov 2026 a las 10:00, Dana Whitfield (<dana@northwind.es>) escribió:",
        "Op ma 3 nov. 2026 om 10:00 schreef Dana Whitfield <dana@northwind.nl>:",
        "Il giorno lun 3 nov 2026 alle ore 10:00 Dana Whitfield <dana@northwind.it> ha scritto:",
        "Em seg., 3 de nov. de 2026 às 10:00, Dana Whitfield <dana@northwind.pt> escreveu:",
        "On 3 Nov 2026, at 10:00, Dana Whitfield <dana@northwind.com> wrote:",
    };

    [Theory]
    [MemberData(nameof(Attributions))]
    public void AttributionWithQuoteBelowIsRemoved(string attribution)
    {
        var reply = ReplyExtractor.ExtractText($"Thursday works.\n\n{attribution}\n\n> Does Thursday work?\n> Dana");
        Assert.Equal("Thursday works.", reply.NewText);
    }

    [Fact]
    public void WrappedAttributionIsRemoved()
    {
        var reply = ReplyExtractor.ExtractText("Thursday works.\n\nOn Mon, Nov 3, 2026 at 10:00 AM Dana Whitfield <\ndana@northwind.com> wrote:\n\n> Does Thursday work?");
        Assert.Equal("Thursday works.", reply.NewText);
    }

    [Fact]
    public void InterleavedRepliesKeepEveryOwnWord()
    {
        var text = "Answers inline.\n\nOn Mon, Nov 3, 2026 at 10:00 AM Dana <dana@northwind.com> wrote:\n> 1. Can you do SSO?\nYes, SAML and OIDC.\n\n> 2. What about pricing?\nSee the attached quote.\n> Thanks, Dana\n\nAlex";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.Equal("Answers inline.\n\nYes, SAML and OIDC.\n\nSee the attached quote.\n\nAlex", reply.NewText);
    }

    [Fact]
    public void LinesBelowAQuotedMessageAreItsHistoryNotTheWriters()
    {
        // Mailing-list mail: the quoted message's long lines wrap without their ">", and the client puts the
        // writer's signature and the list footer under the quote. None of it is new.
        var text = "Thanks, that fixed it.\n\nOn Tue, Mar 14, 2017 at 4:15 PM, Dana Whitfield <dana@northwind.example> wrote:\n\n"
            + "> You probably need to point the client at the collection URL rather than the core URL, since\nthe core name changes.\n>\n> Best,\n> Dana\n\n"
            + "--\nAlex Morgan\n\n---------------------------------------------------------------------\nTo unsubscribe, e-mail: user-unsubscribe@example.org";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.True(reply.HistoryRemoved);
        Assert.Equal("Thanks, that fixed it.", reply.NewText);
    }

    [Fact]
    public void BottomPostedReplyIsKept()
    {
        var reply = ReplyExtractor.ExtractText("Dana Whitfield wrote on 3 Nov 2026 10:00:\n> Does Thursday work?\n\nThursday works for me.");
        Assert.Equal("Thursday works for me.", reply.NewText);
    }

    [Theory]
    [InlineData("-----Original Message-----")]
    [InlineData("---------- Forwarded message ---------")]
    [InlineData("-------- Message d'origine --------")]
    [InlineData("-----Ursprüngliche Nachricht-----")]
    [InlineData("Begin forwarded message:")]
    public void SeparatorLineStartsTheHistory(string separator)
    {
        var reply = ReplyExtractor.ExtractText($"FYI, see the thread below.\n\n{separator}\nFrom: Dana\nSubject: Renewal\n\nOld text.");
        Assert.Equal("FYI, see the thread below.", reply.NewText);
    }

    [Fact]
    public void ForwardedMessageKeepsTheWritersComment()
    {
        var html = "<div>Priya, forwarding Dana's note so you have the context.</div><div><br></div><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">---------- Forwarded message ---------<br>From: <strong>Dana Whitfield</strong> &lt;dana@northwind.com&gt;<br>Date: Mon, Nov 3, 2026<br>Subject: Renewal<br></div><br><div>Old note</div></div>";
        var reply = ReplyExtractor.Extract(html, isHtml: true);
        Assert.Equal("Priya, forwarding Dana's note so you have the context.", reply.NewText);
    }

    [Fact]
    public void OutlookHtmlReplyHeaderContainerStartsTheHistory()
    {
        var html = "<div dir=\"ltr\"><div style=\"font-family: Aptos\">Happy to, I'll send it Friday.</div><div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\" tabindex=\"-1\"><div id=\"divRplyFwdMsg\" dir=\"ltr\"><font face=\"Calibri\"><b>Fra:</b> Dana<br><b>Sendt:</b> 3. november 2026<br><b>Til:</b> Alex</font></div><div>Could you send the plan?</div></div>";
        var reply = ReplyExtractor.Extract(html, isHtml: true);
        Assert.Equal("Happy to, I'll send it Friday.", reply.NewText);
    }

    [Fact]
    public void OutlookBorderTopSeparatorWithHeaderInAnUnlistedLanguageStartsTheHistory()
    {
        var html = "<p class=MsoNormal>Agreed.</p><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal><b>Lähettäjä:</b> Dana<br><b>Lähetetty:</b> maanantai<br><b>Vastaanottaja:</b> Alex</p></div><p>Old</p>";
        var reply = ReplyExtractor.Extract(html, isHtml: true);
        Assert.Equal("Agreed.", reply.NewText);
    }

    [Fact]
    public void AppleMailBlockquoteTypeCiteIsRemoved()
    {
        var html = "<html><body dir=\"auto\">Yes, let's meet.<br><br><div dir=\"ltr\">Sent from my iPhone</div><div dir=\"ltr\"><br><blockquote type=\"cite\">On 3 Nov 2026, at 10:00, Dana Whitfield &lt;dana@northwind.com&gt; wrote:<br><br></blockquote></div><blockquote type=\"cite\"><div dir=\"ltr\">Shall we meet?</div></blockquote></body></html>";
        var reply = ReplyExtractor.Extract(html, isHtml: true);
        Assert.Equal("Yes, let's meet.\n\nSent from my iPhone", reply.NewText);
        Assert.Equal("Sent from my iPhone", reply.Signature);
    }

    [Fact]
    public void HorizontalRuleWithoutAHeaderIsNotHistory()
    {
        var reply = ReplyExtractor.Extract("<p>Part one</p><hr><p>Part two of my own note</p>", isHtml: true);
        Assert.Equal("Part one\nPart two of my own note", reply.NewText);
    }

    [Fact]
    public void WritersOwnLabelledListAfterARuleIsKept()
    {
        var reply = ReplyExtractor.Extract("<p>Workshop details below.</p><hr><p>Date: 3 December<br>Venue: Berlin office<br>Agenda: rollout plan</p>", isHtml: true);
        Assert.Equal("Workshop details below.\nDate: 3 December\nVenue: Berlin office\nAgenda: rollout plan", reply.NewText);
    }

    [Fact]
    public void OutlookWebReferenceMessageContainerStartsTheHistory()
    {
        var html = "<div>Confirmed for Tuesday.</div><div id=\"mail-editor-reference-message-container\"><div>Sent: Monday<br>From: Dana<br>Subject: Tuesday?</div><div>Does Tuesday work?</div></div>";
        Assert.Equal("Confirmed for Tuesday.", ReplyExtractor.Extract(html, isHtml: true).NewText);
    }

    [Fact]
    public void DashDashSignatureIsFoundAndKept()
    {
        var reply = ReplyExtractor.ExtractText("See you Thursday.\n\n-- \nDana Whitfield\nVP Operations");
        Assert.Equal("See you Thursday.\n\n--\nDana Whitfield\nVP Operations", reply.NewText);
        Assert.Equal("Dana Whitfield\nVP Operations", reply.Signature);
    }

    [Fact]
    public void NameTitlePhoneBlockIsASignature()
    {
        var reply = ReplyExtractor.ExtractText("We can start the pilot on 1 December.\n\nDana Whitfield\nHead of Procurement, Northwind Traders\nM: +44 20 7946 0958");
        Assert.Equal("Dana Whitfield\nHead of Procurement, Northwind Traders\nM: +44 20 7946 0958", reply.Signature);
    }

    [Fact]
    public void PlainMessageIsKeptWhole()
    {
        var text = "Hi Alex,\n\nWe reviewed it: the price works, but legal needs until Friday.\nIs that OK?\n\nDana";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.Equal(text, reply.NewText);
        Assert.False(reply.HistoryRemoved);
    }

    [Fact]
    public void ComparisonsStartingWithGreaterThanAreTheWritersOwn()
    {
        var text = "Results after the pilot:\n>90% of tickets answered in an hour\n>= 5 seats per team";
        Assert.Equal(text, ReplyExtractor.ExtractText(text).NewText);
    }

    [Fact]
    public void OwnLineEndingInAColonIsNotAnAttribution()
    {
        var text = "Here is what we agreed on 3 Nov 2026 at 10:00:\nPilot in December, rollout in Q1.";
        Assert.Equal(text, ReplyExtractor.ExtractText(text).NewText);
    }
}
