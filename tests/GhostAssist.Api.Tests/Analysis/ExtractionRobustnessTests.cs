using GhostAssist.Api.Analysis;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>Reply formats of real mail clients, written for these tests: attributions, header blocks, separators, footers, HTML layouts.</summary>
public sealed class ExtractionRobustnessTests
{
    private const string Own = "Thanks Alex, Thursday at 10:00 works for the pricing review.";

    public static TheoryData<string, string> WrappedOrLocalizedAttributions() => new()
    {
        { "Gmail wrapped before the address", "On Mon, Nov 3, 2025 at 10:14 AM Bartholomew Featherstonehaugh-Smith <\nbartholomew.featherstonehaugh-smith@northwind-traders.example> wrote:" },
        { "Gmail wrapped after the name", "On Mon, Nov 3, 2025 at 10:14 AM Bartholomew Featherstonehaugh-Smith\n<bartholomew.featherstonehaugh-smith@northwind-traders.example> wrote:" },
        { "Gmail over three lines", "On Mon, Nov 3, 2025 at 10:14 AM Bartholomew\nFeatherstonehaugh-Smith <bartholomew.featherstonehaugh-smith@northwind-traders.example>\nwrote:" },
        { "French", "Le lun. 3 nov. 2025 à 10:14, Camille Lefèvre <camille.lefevre@contoso.example> a écrit :" },
        { "German", "Am Mo., 3. Nov. 2025 um 10:14 Uhr schrieb Jürgen Böhm <\njuergen.boehm@contoso.example>:" },
        { "Spanish", "El lun, 3 nov 2025 a las 10:14, Lucía Fernández (<lucia.fernandez@contoso.example>)\nescribió:" },
        { "Italian", "Il giorno lun 3 nov 2025 alle ore 10:14 Giulia Rossi <giulia.rossi@contoso.example> ha\nscritto:" },
        { "Dutch", "Op ma 3 nov 2025 om 10:14 schreef Sanne de Vries <sanne.devries@contoso.example>:" },
        { "Portuguese", "Em seg., 3 de nov. de 2025 às 10:14, João Pereira <joao.pereira@contoso.example> escreveu:" },
        { "Polish", "W dniu 3.11.2025 o 10:14, Katarzyna Nowak pisze:" },
        { "Polish Gmail", "pon., 3 lis 2025 o 10:14 Katarzyna Nowak <katarzyna.nowak@contoso.example> napisał(a):" },
        { "Russian", "3 ноября 2025 г., в 10:14, Ольга Иванова написал(а):" },
        { "Swedish", "Den mån 3 nov. 2025 kl 10:14 skrev Erik Lindqvist <erik.lindqvist@contoso.example>:" },
    };

    [Theory]
    [MemberData(nameof(WrappedOrLocalizedAttributions))]
    public void AttributionAndItsQuoteAreRemoved(string form, string attribution)
    {
        var reply = ReplyExtractor.ExtractText($"{Own}\n\nDana\n\n{attribution}\n\n> Could we review the pricing on Thursday?\n> Best, Alex");
        Assert.True(reply.HistoryRemoved, form);
        Assert.Equal($"{Own}\n\nDana", reply.NewText);
    }

    [Theory]
    [MemberData(nameof(WrappedOrLocalizedAttributions))]
    public void AttributionWithUnquotedHistoryBelowStillEndsTheReply(string form, string attribution)
    {
        // Some clients write the attribution and then the old text without any ">" prefix.
        var reply = ReplyExtractor.ExtractText($"{Own}\n\n{attribution}\n\nCould we review the pricing on Thursday?\nBest, Alex");
        Assert.True(reply.HistoryRemoved, form);
        Assert.Equal(Own, reply.NewText);
    }

    public static TheoryData<string, string> OutlookPlainTextHeaders() => new()
    {
        { "English with rule", "________________________________\nFrom: Dana Whitfield <dana@northwind.example>\nSent: Monday, November 3, 2025 10:14 AM\nTo: Alex Morgan <alex@ghostassist.example>\nSubject: RE: Pricing review" },
        { "English without rule", "From: Dana Whitfield <dana@northwind.example>\nSent: Monday, November 3, 2025 10:14 AM\nTo: Alex Morgan <alex@ghostassist.example>\nCc: Priya Shah <priya@northwind.example>\nSubject: RE: Pricing review" },
        { "French with spaces before colons", "________________________________\nDe : Dana Whitfield <dana@northwind.example>\nEnvoyé : lundi 3 novembre 2025 10:14\nÀ : Alex Morgan <alex@ghostassist.example>\nObjet : RE: Révision des prix" },
        { "German", "Von: Dana Whitfield <dana@northwind.example>\nGesendet: Montag, 3. November 2025 10:14\nAn: Alex Morgan <alex@ghostassist.example>\nBetreff: AW: Preisüberprüfung" },
        { "Spanish", "De: Dana Whitfield <dana@northwind.example>\nEnviado: lunes, 3 de noviembre de 2025 10:14\nPara: Alex Morgan <alex@ghostassist.example>\nAsunto: RE: Revisión de precios" },
        { "Dutch", "________________________________\nVan: Dana Whitfield <dana@northwind.example>\nVerzonden: maandag 3 november 2025 10:14\nAan: Alex Morgan <alex@ghostassist.example>\nOnderwerp: RE: Prijsoverzicht" },
        { "Italian", "Da: Dana Whitfield <dana@northwind.example>\nInviato: lunedì 3 novembre 2025 10:14\nA: Alex Morgan <alex@ghostassist.example>\nOggetto: R: Revisione prezzi" },
        { "Portuguese", "De: Dana Whitfield <dana@northwind.example>\nEnviada em: segunda-feira, 3 de novembro de 2025 10:14\nPara: Alex Morgan <alex@ghostassist.example>\nAssunto: RES: Revisão de preços" },
        { "Bold markers", "________________________________\n*From:* Dana Whitfield <dana@northwind.example>\n*Sent:* Monday, November 3, 2025 10:14 AM\n*To:* Alex Morgan <alex@ghostassist.example>\n*Subject:* RE: Pricing review" },
        { "Outlook for Mac order", "From: Dana Whitfield <dana@northwind.example>\nDate: Monday, 3 November 2025 at 10:14\nTo: Alex Morgan <alex@ghostassist.example>\nSubject: Re: Pricing review" },
        { "Wrapped recipient list", "From: Dana Whitfield <dana@northwind.example>\nSent: Monday, November 3, 2025 10:14 AM\nTo: Alex Morgan <alex@ghostassist.example>; Priya Shah <priya@northwind.example>; Tomás Ortega\n<tomas@northwind.example>; Lee Kim <lee@northwind.example>\nSubject: RE: Pricing review" },
    };

    [Theory]
    [MemberData(nameof(OutlookPlainTextHeaders))]
    public void OutlookHeaderBlockEndsTheReply(string form, string header)
    {
        var reply = ReplyExtractor.ExtractText($"{Own}\n\nBest regards,\nDana\n\n{header}\n\nCould we review the pricing on Thursday?\n\nAlex");
        Assert.True(reply.HistoryRemoved, form);
        Assert.Equal($"{Own}\n\nBest regards,\nDana", reply.NewText);
        Assert.Equal("Dana", reply.Signature);
    }

    [Theory]
    [InlineData("-----Original Message-----")]
    [InlineData("----- Original Message -----")]
    [InlineData("-------- Original message --------")]
    [InlineData("Begin forwarded message:")]
    [InlineData("---------- Forwarded message ---------")]
    [InlineData("-------- Weitergeleitete Nachricht --------")]
    [InlineData("-------- Message transféré --------")]
    public void SeparatorTitleEndsTheReplyEvenWithoutAHeaderBelow(string separator)
    {
        var reply = ReplyExtractor.ExtractText($"{Own}\n\n{separator}\n\nCould we review the pricing on Thursday?");
        Assert.True(reply.HistoryRemoved);
        Assert.Equal(Own, reply.NewText);
    }

    [Fact]
    public void SamsungOriginalMessageWithItsHeaderIsRemoved()
    {
        var text = $"{Own}\n\nSent from my Galaxy\n\n\n-------- Original message --------\nFrom: Dana Whitfield <dana@northwind.example>\nDate: 11/3/25 10:14 (GMT+00:00)\nTo: Alex Morgan <alex@ghostassist.example>\nSubject: Pricing review\n\nCould we review the pricing on Thursday?";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.Equal($"{Own}\n\nSent from my Galaxy", reply.NewText);
        Assert.Equal("Sent from my Galaxy", reply.Signature);
    }

    [Fact]
    public void WritersOwnDashedHeadingIsNotASeparator()
    {
        var text = "Here is the plan.\n\n---- Agenda ----\n1. Pricing\n2. Rollout dates\n\nSee you Thursday.";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.False(reply.HistoryRemoved);
        Assert.Equal(text, reply.NewText);
    }

    [Theory]
    [InlineData("Sent from my iPhone")]
    [InlineData("Sent from Outlook for iOS")]
    [InlineData("Get Outlook for Android\nhttps://aka.ms/AAb9ysg")]
    [InlineData("Get Outlook for Android<https://aka.ms/AAb9ysg>")]
    [InlineData("Sent from Mail for Windows")]
    [InlineData("Sent from my Galaxy")]
    [InlineData("Von meinem iPhone gesendet")]
    [InlineData("Envoyé de mon iPhone")]
    [InlineData("Enviado desde mi iPhone")]
    public void MobileFooterIsKeptAsTheSignature(string footer)
    {
        var reply = ReplyExtractor.ExtractText($"{Own}\n\n{footer}\n\n________________________________\nFrom: Dana Whitfield <dana@northwind.example>\nSent: Monday, November 3, 2025 10:14 AM\nSubject: Pricing review\n\nOld text");
        Assert.Equal($"{Own}\n\n{footer}", reply.NewText);
        Assert.Equal(footer, reply.Signature);
    }

    [Fact]
    public void SignOffWithNameTitleAndPhoneIsTheSignature()
    {
        var reply = ReplyExtractor.ExtractText($"{Own}\n\nBest regards,\nDana Whitfield\nVP Operations | Northwind Traders\n+44 20 7946 0958");
        Assert.Equal($"{Own}\n\nBest regards,\nDana Whitfield\nVP Operations | Northwind Traders\n+44 20 7946 0958", reply.NewText);
        Assert.Equal("Dana Whitfield\nVP Operations | Northwind Traders\n+44 20 7946 0958", reply.Signature);
    }

    [Theory]
    [InlineData("Thanks,\nAlex", "Alex")]
    [InlineData("Cheers,\nDana", "Dana")]
    [InlineData("Kind regards\n\nJürgen Böhm\nHead of IT", "Jürgen Böhm\nHead of IT")]
    [InlineData("Mit freundlichen Grüßen\nJürgen Böhm", "Jürgen Böhm")]
    public void ShortSignOffBlockIsTheSignature(string block, string signature)
    {
        var reply = ReplyExtractor.ExtractText($"{Own}\n\n{block}");
        Assert.Equal($"{Own}\n\n{block}", reply.NewText);
        Assert.Equal(signature, reply.Signature);
    }

    [Fact]
    public void SignOffFollowedByMoreBodyTextIsNotASignature()
    {
        var text = "Hi Alex,\n\nThanks,\nwe got the proposal and legal is reading it now.\nI expect their comments by Friday.";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.Equal(text, reply.NewText);
        Assert.Null(reply.Signature);
    }

    [Fact]
    public void WritersWordsBetweenQuotedBlocksAreKept()
    {
        var text = "> Can you confirm the seat count?\n\n120 seats for now.\n\n> And the start date?\n50 on 1 December, the rest in January.\n>\n> Thanks, Alex\n\nDana";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.Equal("120 seats for now.\n\n50 on 1 December, the rest in January.\n\nDana", reply.NewText);
    }

    [Fact]
    public void TopPostedReplyWithOnlyQuotedLinesBelowLosesThem()
    {
        var reply = ReplyExtractor.ExtractText($"{Own}\n\n> Could we review the pricing on Thursday?\n>\n> Alex");
        Assert.True(reply.HistoryRemoved);
        Assert.Equal(Own, reply.NewText);
    }

    [Fact]
    public void SentenceMentioningFromOrWroteIsKept()
    {
        var text = "On Friday our CFO wrote:\n\"We can sign once legal is done.\"\nFrom: my side, that means we are close.\nAs I wrote last week, the pilot starts in December.";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.False(reply.HistoryRemoved);
        Assert.Equal(text, reply.NewText);
    }

    [Fact]
    public void GreaterThanLinesTheWriterIntroducedAreKept()
    {
        var text = "Please run this and send me the output:\n> dotnet --info\nThen we can check the version.";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.Equal(text, reply.NewText);
    }

    [Fact]
    public void ReplyStartingWithADateIsKept()
    {
        var text = "3 November 2025\n\nHi Alex,\nHere are the notes from today's call:\n- pilot in December\n- rollout in Q1";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.Equal(text, reply.NewText);
    }

    [Fact]
    public void ForwardWithANoteKeepsTheNote()
    {
        var text = "Priya, can you take this one? They need an answer by Friday.\n\n---------- Forwarded message ---------\nFrom: Dana Whitfield <dana@northwind.example>\nDate: Mon, Nov 3, 2025 at 10:14 AM\nSubject: Pricing review\nTo: Alex Morgan <alex@ghostassist.example>\n\nCould we review the pricing on Thursday?";
        Assert.Equal("Priya, can you take this one? They need an answer by Friday.", ReplyExtractor.ExtractText(text).NewText);
    }

    public static TheoryData<string, string> HtmlReplies() => new()
    {
        { "Outlook desktop border-top", $"<html><head><style>p.MsoNormal{{margin:0}}</style></head><body><div class=WordSection1><p class=MsoNormal>{Own}<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal><b>From:</b> Dana Whitfield &lt;dana@northwind.example&gt;<br><b>Sent:</b> Monday, November 3, 2025 10:14 AM<br><b>To:</b> Alex Morgan<br><b>Subject:</b> Pricing review</p></div><p class=MsoNormal>Could we review the pricing on Thursday?</p></div></body></html>" },
        { "Outlook desktop hr inline-block", $"<div>{Own}</div><hr style=\"display:inline-block;width:98%\" tabindex=\"-1\"><div dir=\"ltr\"><font face=\"Calibri\" style=\"font-size:11pt\"><b>From:</b> Dana Whitfield<br><b>Sent:</b> Monday, November 3, 2025 10:14 AM<br><b>Subject:</b> Pricing review</font><div>&nbsp;</div></div><div>Could we review the pricing on Thursday?</div>" },
        { "Outlook on the web", $"<div class=\"elementToProof\" style=\"font-family:Aptos\">{Own}</div><div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\"><div id=\"divRplyFwdMsg\" dir=\"ltr\"><b>From:</b> Dana<br><b>Sent:</b> Monday<br></div><div>Could we review the pricing on Thursday?</div>" },
        { "Gmail", $"<div dir=\"ltr\">{Own}</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">On Mon, Nov 3, 2025 at 10:14 AM Dana Whitfield &lt;<a href=\"mailto:dana@northwind.example\">dana@northwind.example</a>&gt; wrote:<br></div><blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\"><div dir=\"ltr\">Could we review the pricing on Thursday?</div></blockquote></div>" },
        { "Gmail quote container with unquoted history", $"<div dir=\"ltr\">{Own}</div><div class=\"gmail_quote gmail_quote_container\"><div dir=\"ltr\" class=\"gmail_attr\">On Mon, Nov 3, 2025 at 10:14 AM Dana Whitfield &lt;dana@northwind.example&gt; wrote:<br></div><div>Could we review the pricing on Thursday?</div></div>" },
        { "Apple Mail", $"<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\"></head><body dir=\"auto\"><div dir=\"ltr\">{Own}</div><div dir=\"ltr\"><br><blockquote type=\"cite\">On Nov 3, 2025, at 10:14, Dana Whitfield &lt;dana@northwind.example&gt; wrote:<br><br></blockquote></div><blockquote type=\"cite\"><div dir=\"ltr\">Could we review the pricing on Thursday?</div></blockquote></body></html>" },
        { "Yahoo", $"<div class=\"ydp1\"><div>{Own}</div></div><div id=\"yahoo_quoted_1234\" class=\"yahoo_quoted\"><div>On Monday, November 3, 2025, 10:14 AM, Dana Whitfield &lt;dana@northwind.example&gt; wrote:</div><div>Could we review the pricing on Thursday?</div></div>" },
        { "Thunderbird", $"<p>{Own}</p><div class=\"moz-cite-prefix\">On 11/3/25 10:14 AM, Dana Whitfield wrote:<br></div><blockquote type=\"cite\" cite=\"mid:abc@northwind.example\"><p>Could we review the pricing on Thursday?</p></blockquote>" },
        { "Thunderbird forward", $"<p>{Own}</p><div class=\"moz-forward-container\"><br>-------- Forwarded Message --------<table class=\"moz-email-headers-table\"><tbody><tr><th>Subject:</th><td>Pricing review</td></tr><tr><th>Date:</th><td>Mon, 3 Nov 2025 10:14:00 +0000</td></tr><tr><th>From:</th><td>Dana Whitfield</td></tr></tbody></table><p>Could we review the pricing on Thursday?</p></div>" },
        { "Zimbra", $"<html><body><div style=\"font-family: arial\"><div>{Own}</div><br><hr id=\"zwchr\"><div><b>From: </b>\"Dana Whitfield\" &lt;dana@northwind.example&gt;<br><b>To: </b>\"Alex\"<br><b>Sent: </b>Monday, November 3, 2025 10:14:00 AM<br></div><br><div>Could we review the pricing on Thursday?</div></div></body></html>" },
        { "Script and style never in text", $"<html><head><title>Re: Pricing</title><style>.x{{color:red}}</style><script>var a = 1;</script></head><body><p>{Own}</p><script>track();</script><blockquote>Could we review the pricing on Thursday?</blockquote></body></html>" },
    };

    [Theory]
    [MemberData(nameof(HtmlReplies))]
    public void HtmlReplyKeepsOnlyTheNewText(string client, string html)
    {
        var reply = ReplyExtractor.Extract(html, isHtml: true);
        Assert.True(reply.HistoryRemoved, client);
        Assert.Equal(Own, reply.NewText);
    }

    [Fact]
    public void HtmlEntitiesAndNonBreakingSpacesBecomePlainText()
    {
        var reply = ReplyExtractor.Extract("<p>Price:&nbsp;&euro;1,200 &amp; VAT &#8211; &quot;final&quot;&#x21;</p>", isHtml: true);
        Assert.Equal("Price: €1,200 & VAT – \"final\"!", reply.NewText);
    }

    [Fact]
    public void BrOnlyLayoutKeepsItsLinesAndSignature()
    {
        var html = "Hi Alex,<br><br>Thursday at 10:00 works.<br>I'll bring Priya.<br><br>Best regards,<br>Dana Whitfield<br>VP Operations<br>";
        var reply = ReplyExtractor.Extract(html, isHtml: true);
        Assert.Equal("Hi Alex,\n\nThursday at 10:00 works.\nI'll bring Priya.\n\nBest regards,\nDana Whitfield\nVP Operations", reply.NewText);
        Assert.Equal("Dana Whitfield\nVP Operations", reply.Signature);
    }

    [Fact]
    public void TableSignatureWithInlineImageIsReadAsLines()
    {
        var html = $"<p>{Own}</p><p>Kind regards,</p><table><tr><td><img src=\"cid:logo.png\" alt=\"\"></td><td>Dana Whitfield<br>Director of Operations<br>+44 20 7946 0958</td></tr></table>";
        var reply = ReplyExtractor.Extract(html, isHtml: true);
        Assert.StartsWith(Own, reply.NewText);
        Assert.Equal("Dana Whitfield\nDirector of Operations\n+44 20 7946 0958", reply.Signature);
    }

    [Fact]
    public void UniqueBodyStillHoldingOutlookHistoryIsCut()
    {
        var html = $"<html><body><div>{Own}</div><div><br></div><div><b>From:</b> Dana Whitfield &lt;dana@northwind.example&gt;<br><b>Sent:</b> Monday, November 3, 2025 10:14 AM<br><b>To:</b> Alex Morgan<br><b>Subject:</b> Pricing review</div><div>Could we review the pricing on Thursday?</div></body></html>";
        Assert.Equal(Own, ReplyExtractor.Extract(html, isHtml: true).NewText);
    }
}
