using GhostAssist.Api.Analysis;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>Less common clients and converters: Lotus Notes, Asian Outlook locales, flattened headers, older Outlook HTML.</summary>
public sealed class ExtractionMoreClientsTests
{
    private const string Own = "Agreed, let's start the pilot with the support team on 1 December.";

    [Theory]
    [InlineData("Dana Whitfield/Northwind wrote on 03/11/2025 10:14:02 AM:")]
    [InlineData("пн, 3 нояб. 2025 г. в 10:14, Ольга Иванова <olga.ivanova@contoso.example>:")]
    [InlineData("Dana Whitfield <dana@northwind.example> wrote:")]
    [InlineData("Jürgen Böhm <juergen.boehm@contoso.example> schrieb am Mo., 3. Nov. 2025, 10:14:")]
    public void AttributionFollowedByUnquotedHistoryEndsTheReply(string attribution)
    {
        var reply = ReplyExtractor.ExtractText($"{Own}\n\n{attribution}\n\nCan we start with the support team first?\nDana");
        Assert.True(reply.HistoryRemoved);
        Assert.Equal(Own, reply.NewText);
    }

    [Fact]
    public void AttributionWithoutDateIsRemovedWhenAQuoteFollows()
    {
        var reply = ReplyExtractor.ExtractText($"{Own}\n\nDana wrote:\n> Can we start with the support team first?");
        Assert.Equal(Own, reply.NewText);
    }

    [Theory]
    [InlineData("Chinese", "发件人: Dana Whitfield <dana@northwind.example>\n发送时间: 2025年11月3日 10:14\n收件人: Alex Morgan <alex@ghostassist.example>\n主题: 试点计划")]
    [InlineData("Chinese full-width colons", "发件人：Dana Whitfield <dana@northwind.example>\n发送时间：2025年11月3日 10:14\n收件人：Alex Morgan\n主题：试点计划")]
    [InlineData("Japanese", "差出人: Dana Whitfield <dana@northwind.example>\n送信日時: 2025年11月3日 10:14\n宛先: Alex Morgan\n件名: パイロット")]
    [InlineData("Chinese original message", "-----原始邮件-----\n发件人: Dana Whitfield\n主题: 试点计划")]
    public void AsianOutlookHeaderEndsTheReply(string locale, string header)
    {
        var reply = ReplyExtractor.ExtractText($"{Own}\n\n{header}\n\nCan we start with the support team first?");
        Assert.True(reply.HistoryRemoved, locale);
        Assert.Equal(Own, reply.NewText);
    }

    [Theory]
    [InlineData("From: Dana Whitfield <dana@northwind.example> Sent: Monday, November 3, 2025 10:14 AM To: Alex Morgan Subject: Pilot")]
    [InlineData("*From:* Dana Whitfield *Sent:* Monday, November 3, 2025 10:14 AM *To:* Alex Morgan *Subject:* Pilot")]
    [InlineData("Von: Dana Whitfield Gesendet: Montag, 3. November 2025 10:14 An: Alex Morgan Betreff: Pilot")]
    public void HeaderFlattenedOntoOneLineEndsTheReply(string header)
    {
        var reply = ReplyExtractor.ExtractText($"{Own}\n\n{header}\n\nCan we start with the support team first?");
        Assert.True(reply.HistoryRemoved);
        Assert.Equal(Own, reply.NewText);
    }

    [Fact]
    public void SentenceStartingWithFromIsNotAFlattenedHeader()
    {
        var text = "From: our side the pilot is ready. Sent the plan to Dana on Monday.\nSubject to legal review, we start in December.";
        Assert.Equal(text, ReplyExtractor.ExtractText(text).NewText);
    }

    [Theory]
    [InlineData("Outlook 2010 blue border", "<div style='border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0in 0in 0in'><p class=MsoNormal><b><span style='font-size:10.0pt'>From:</span></b><span style='font-size:10.0pt'> Dana Whitfield [mailto:dana@northwind.example] <br><b>Sent:</b> Monday, November 3, 2025 10:14 AM<br><b>To:</b> Alex Morgan<br><b>Subject:</b> Pilot</span></p></div>")]
    [InlineData("Outlook 2003 message header", "<div class=OutlookMessageHeader lang=en-us dir=ltr align=left><hr tabindex=-1><font face=Tahoma size=2><b>From:</b> Dana Whitfield<br><b>Sent:</b> Monday, November 3, 2025 10:14 AM<br><b>To:</b> Alex Morgan<br><b>Subject:</b> Pilot<br></font><br></div>")]
    [InlineData("Outlook mobile", "<div id=\"ms-outlook-mobile-signature\">Get <a href=\"https://aka.ms/o0ukef\">Outlook for iOS</a></div><div id=\"divRplyFwdMsg\"><b>From:</b> Dana<br><b>Sent:</b> Monday<br></div>")]
    public void OlderAndMobileOutlookHtmlHistoryIsRemoved(string client, string history)
    {
        var reply = ReplyExtractor.Extract($"<html><body><p class=MsoNormal>{Own}</p>{history}<p>Can we start with the support team first?</p></body></html>", isHtml: true);
        Assert.True(reply.HistoryRemoved, client);
        Assert.StartsWith(Own, reply.NewText);
        Assert.DoesNotContain("support team first", reply.NewText);
    }

    [Fact]
    public void GmailSignatureAfterDashesIsTheSignature()
    {
        var html = $"<div dir=\"ltr\">{Own}<br clear=\"all\"><br><span class=\"gmail_signature_prefix\">-- </span><br><div dir=\"ltr\" class=\"gmail_signature\">Dana Whitfield<br>VP Operations, Northwind</div></div><br><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon, Nov 3, 2025 at 10:14 AM Alex Morgan &lt;alex@ghostassist.example&gt; wrote:<br></div><blockquote class=\"gmail_quote\">Pilot?</blockquote></div>";
        var reply = ReplyExtractor.Extract(html, isHtml: true);
        Assert.Equal($"{Own}\n\n--\nDana Whitfield\nVP Operations, Northwind", reply.NewText);
        Assert.Equal("Dana Whitfield\nVP Operations, Northwind", reply.Signature);
    }

    [Fact]
    public void NestedQuotesAtSeveralDepthsAreAllRemoved()
    {
        var text = $"{Own}\n\nOn Tue, Nov 4, 2025 at 9:00 AM Alex Morgan <alex@ghostassist.example> wrote:\n> Shall we start Monday?\n>\n> On Mon, Nov 3, 2025 at 10:14 AM Dana Whitfield <dana@northwind.example> wrote:\n>> Can we start with the support team?\n>>> Earlier text";
        Assert.Equal(Own, ReplyExtractor.ExtractText(text).NewText);
    }

    [Fact]
    public void WindowsLineEndingsAreHandled()
    {
        var text = $"{Own}\r\n\r\nThanks,\r\nDana\r\n\r\n-----Original Message-----\r\nFrom: Alex Morgan\r\nSent: Monday\r\n\r\nPilot?";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.Equal($"{Own}\n\nThanks,\nDana", reply.NewText);
        Assert.Equal("Dana", reply.Signature);
    }
}

/// <summary>Signature blocks as people really end their mail.</summary>
public sealed class ExtractionSignatureTests
{
    private const string Own = "We have budget sign-off; the order will come through on Friday.";

    [Theory]
    [InlineData("Best, Dana")]
    [InlineData("Thanks - Dana Whitfield")]
    [InlineData("Cheers, Dana\nVP Operations | Northwind")]
    public void SignOffWithTheNameOnItsLineIsTheSignature(string block)
    {
        var reply = ReplyExtractor.ExtractText($"{Own}\n\n{block}");
        Assert.Equal($"{Own}\n\n{block}", reply.NewText);
        Assert.Equal(block, reply.Signature);
    }

    [Fact]
    public void ConfidentialityNoticeBelowTheNameDoesNotHideTheSignature()
    {
        var notice = "This email and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender and delete it; any use, copying or disclosure is prohibited.";
        var reply = ReplyExtractor.ExtractText($"{Own}\n\nKind regards,\nDana Whitfield\nVP Operations | Northwind Traders\n\n{notice}");
        Assert.Equal($"Dana Whitfield\nVP Operations | Northwind Traders\n\n{notice}", reply.Signature);
    }

    [Fact]
    public void ThanksAsTheLastWordIsNotASignatureWithoutAName()
    {
        var reply = ReplyExtractor.ExtractText($"{Own}\n\nThanks!");
        Assert.Equal($"{Own}\n\nThanks!", reply.NewText);
        Assert.Null(reply.Signature);
    }

    [Fact]
    public void BestInASentenceIsNotASignOff()
    {
        var text = $"{Own}\n\nBest, Dana, would be to loop in legal now.\nThey take two weeks.";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.Equal(text, reply.NewText);
        Assert.Null(reply.Signature);
    }
}

/// <summary>Plain text carried in HTML, and markers tools put into mail.</summary>
public sealed class ExtractionPlainInHtmlTests
{
    [Fact]
    public void PreformattedPlainTextKeepsItsLinesAndLosesItsQuote()
    {
        var html = "<html><body><pre class=\"moz-quote-pre\">Friday works.\nI'll bring the signed order form.\n\nOn 03/11/2025 10:14, Dana Whitfield wrote:\n&gt; Can you send the order form?\n&gt; Dana\n</pre></body></html>";
        var reply = ReplyExtractor.Extract(html, isHtml: true);
        Assert.Equal("Friday works.\nI'll bring the signed order form.", reply.NewText);
    }

    [Fact]
    public void HelpDeskReplyAboveThisLineMarkerEndsTheReply()
    {
        var reply = ReplyExtractor.ExtractText("Yes, please close the ticket.\n\n##- Please type your reply above this line -##\n\nYour request 4711 has been updated.");
        Assert.True(reply.HistoryRemoved);
        Assert.Equal("Yes, please close the ticket.", reply.NewText);
    }
}

/// <summary>The writer's own text that looks like history at a glance.</summary>
public sealed class ExtractionOwnWordsTests
{
    [Fact]
    public void OwnFromToListIsNotAQuotedHeader()
    {
        var text = "Shipping plan:\nFrom: Berlin warehouse\nTo: Munich office\nCarrier: DHL\n\nLet me know if that works.";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.False(reply.HistoryRemoved);
        Assert.Equal(text, reply.NewText);
    }

    [Theory]
    [InlineData("-----Oprindelig meddelelse-----\nFra: Dana Whitfield\nSendt: 3. november 2025 10:14\nTil: Alex Morgan\nEmne: Pilot")]
    [InlineData("Od: Dana Whitfield <dana@northwind.example>\nOdesláno: pondělí 3. listopadu 2025 10:14\nKomu: Alex Morgan\nPředmět: Pilot")]
    [InlineData("Feladó: Dana Whitfield <dana@northwind.example>\nElküldve: 2025. november 3. 10:14\nCímzett: Alex Morgan\nTárgy: Pilot")]
    public void NordicAndCentralEuropeanOutlookHeadersEndTheReply(string header)
    {
        var reply = ReplyExtractor.ExtractText($"Pilot approved.\n\n{header}\n\nShall we start the pilot?");
        Assert.Equal("Pilot approved.", reply.NewText);
    }

    [Fact]
    public void WordsAfterAnInlineQuoteTheWriterTypedWithoutIntroductionAreKept()
    {
        var text = "Your contract says\n> either party may terminate with 30 days notice\nso we have until 1 December to decide.";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.Contains("so we have until 1 December to decide.", reply.NewText);
        Assert.StartsWith("Your contract says", reply.NewText);
    }
}

/// <summary>HTML as it arrives: other clients' quote containers and markup browsers forgive.</summary>
public sealed class ExtractionHtmlTests
{
    private const string Own = "The signed order form is attached.";

    [Fact]
    public void ProtonMailQuoteIsRemoved()
    {
        var html = $"<div>{Own}</div><div class=\"protonmail_signature_block\">Dana</div><div class=\"protonmail_quote\">On Monday, November 3rd, 2025 at 10:14 AM, Alex &lt;alex@ghostassist.example&gt; wrote:<br><div>Order form?</div></div>";
        var reply = ReplyExtractor.Extract(html, isHtml: true);
        Assert.Equal($"{Own}\nDana", reply.NewText);
    }

    [Fact]
    public void MalformedMarkupStillYieldsTheVisibleText()
    {
        var html = $"<div><p>{Own}<p>Price is < 5% above list & final.<br/><span title=\"a > b\">See you</span> Friday</div></div></span><blockquote>Order form?";
        var reply = ReplyExtractor.Extract(html, isHtml: true);
        Assert.Equal($"{Own}\nPrice is < 5% above list & final.\nSee you Friday", reply.NewText);
    }

    [Fact]
    public void OutlookConditionalCommentsAndOfficeTagsAreNotText()
    {
        var html = $"<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]--><style><!-- p.MsoNormal {{margin:0}} --></style></head><body lang=EN-GB><div class=WordSection1><p class=MsoNormal>{Own}<o:p></o:p></p><p class=MsoListParagraph><![if !supportLists]><span>-<span style='font:7.0pt'>&nbsp;&nbsp; </span></span><![endif]>Invoice to follow<o:p></o:p></p></div></body></html>";
        var reply = ReplyExtractor.Extract(html, isHtml: true);
        Assert.Equal($"{Own}\n- Invoice to follow", reply.NewText);
    }
}

/// <summary>Attributions of Apple Mail and Gmail in further languages, and footers that are sentences.</summary>
public sealed class ExtractionAttributionLanguagesTests
{
    private const string Own = "Let's sign on Friday.";

    [Theory]
    [InlineData("Op 3 nov. 2025 om 10:14 heeft Dana Whitfield <dana@northwind.example> het volgende geschreven:")]
    [InlineData("Den 3. nov. 2025 kl. 10.14 skrev Dana Whitfield <dana@northwind.example>:")]
    [InlineData("2025年11月3日 10:14 Dana Whitfield <dana@northwind.example>:")]
    [InlineData("在 2025年11月3日 上午10:14，Dana Whitfield <dana@northwind.example> 写道：")]
    [InlineData("2025년 11월 3일 (월) 오전 10:14, Dana Whitfield <dana@northwind.example>님이 작성:")]
    [InlineData("Dne po 3. 11. 2025 10:14 uživatel Dana Whitfield <dana@northwind.example> napsal:")]
    [InlineData("3 листопада 2025 о 10:14 Dana Whitfield <dana@northwind.example> написав:")]
    public void AttributionInFurtherLanguagesEndsTheReply(string attribution)
    {
        var reply = ReplyExtractor.ExtractText($"{Own}\n\n{attribution}\n\nShall we sign this week?");
        Assert.True(reply.HistoryRemoved, attribution);
        Assert.Equal(Own, reply.NewText);
    }

    [Fact]
    public void SentFromSentenceIsNotAMobileFooter()
    {
        var text = $"{Own}\n\nSent from my desk, which is much easier than my phone.";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.Equal(text, reply.NewText);
        Assert.Null(reply.Signature);
    }
}

/// <summary>Text that Graph or a gateway converted from Outlook's HTML.</summary>
public sealed class ExtractionConvertedTextTests
{
    [Fact]
    public void HeaderLinesInSeparateParagraphsStillEndTheReply()
    {
        var text = "Friday is fine.\n\nFrom: Dana Whitfield <dana@northwind.example>\n\nSent: Monday, November 3, 2025 10:14 AM\n\nTo: Alex Morgan\n\nSubject: Signing\n\nShall we sign this week?";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.Equal("Friday is fine.", reply.NewText);
    }

    [Fact]
    public void OwnLabelledParagraphsAreKept()
    {
        var text = "Plan for the pilot.\n\nFrom: 1 December\n\nTeam: support\n\nGoal: fewer escalations";
        Assert.Equal(text, ReplyExtractor.ExtractText(text).NewText);
    }
}

/// <summary>Mobile footers in the languages phones write them.</summary>
public sealed class ExtractionMobileFooterTests
{
    [Theory]
    [InlineData("Sent from my iPad")]
    [InlineData("Sent from Yahoo Mail on Android")]
    [InlineData("Inviato da iPhone")]
    [InlineData("Enviado do meu iPhone")]
    [InlineData("Verstuurd vanaf mijn iPhone")]
    [InlineData("Skickat från min iPhone")]
    [InlineData("Sendt fra min iPhone")]
    [InlineData("Wysłane z iPhone'a")]
    [InlineData("Отправлено с iPhone")]
    [InlineData("iPhoneから送信")]
    public void MobileFooterIsTheSignature(string footer)
    {
        var reply = ReplyExtractor.ExtractText($"OK for Friday.\n\n{footer}");
        Assert.Equal($"OK for Friday.\n\n{footer}", reply.NewText);
        Assert.Equal(footer, reply.Signature);
    }
}

/// <summary>A sign-off block above a mobile footer.</summary>
public sealed class ExtractionSignOffAndFooterTests
{
    [Fact]
    public void SignatureRunsFromTheNameToTheMobileFooter()
    {
        var reply = ReplyExtractor.ExtractText("OK for Friday.\n\nThanks,\nDana Whitfield\nVP Operations\n\nSent from my iPhone\n\nOn Nov 3, 2025, at 10:14, Alex Morgan <alex@ghostassist.example> wrote:\n\n> Friday?");
        Assert.Equal("OK for Friday.\n\nThanks,\nDana Whitfield\nVP Operations\n\nSent from my iPhone", reply.NewText);
        Assert.Equal("Dana Whitfield\nVP Operations\n\nSent from my iPhone", reply.Signature);
    }
}

/// <summary>A name block with no sign-off, above a confidentiality notice.</summary>
public sealed class ExtractionNameBlockTests
{
    [Fact]
    public void NameBlockAboveANoticeIsTheSignature()
    {
        var notice = "CONFIDENTIALITY NOTICE: This message is intended only for the named recipient and may contain privileged information.";
        var reply = ReplyExtractor.ExtractText($"Order placed.\n\nDana Whitfield\nDirector of Operations\n+44 20 7946 0958\n\n{notice}");
        Assert.Equal($"Dana Whitfield\nDirector of Operations\n+44 20 7946 0958\n\n{notice}", reply.Signature);
    }
}
