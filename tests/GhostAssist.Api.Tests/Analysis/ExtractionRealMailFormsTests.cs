using GhostAssist.Api.Analysis;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>
/// The header and separator forms of real mail (Lotus Notes/Domino, wrapped forward separators, mailing-list
/// clients), each written for the test in the shape those clients give them.
/// </summary>
public sealed class ExtractionRealMailFormsTests
{
    private const string Own = "Looks right to me, please send it on.";

    private const string Quoted = "\n\nThe revised schedule is attached.\n\nThanks,\nDana";

    [Theory]
    [InlineData("Lotus name and time lines", "Dana Whitfield\n07/26/2000 05:20 PM\nTo: Alex Morgan/HOU/NW@NW\ncc: \nSubject: Schedule")]
    [InlineData("Lotus indented", "\tDana Whitfield@NW\n\tSent by: Pat Lee@NW\n\t10/02/2000 05:53 PM\n\t\t \n\t\t To: Alex Morgan/HOU/NW@NW\n\t\t cc: \n\t\t Subject: Schedule")]
    [InlineData("Lotus address on date, wrapped", "\"Dana Whitfield\" <dana@northwind.example> on 04/19/2001\n09:01:03 PM\nPlease respond to dana@northwind.example\n\nTo: \"Alex\" <alex@ghostassist.example>\ncc: \nSubject: Schedule")]
    [InlineData("Lotus From line apart from To", "\tFrom:  Dana Whitfield @ NW                           12/07/2000 10:45 AM\n\t\n\nTo: Alex Morgan/HOU/NW@NW, Pat Lee/HOU/NW@NW, Sam \nOrtiz/HOU/NW@NW, Lee Chan/LON/NW@NW, Kim \nPark/HOU/NW@NW\ncc: Jo Reyes/HOU/NW@NW\nSubject: Schedule")]
    [InlineData("Lotus with quoted-printable tabs", "=09Dana Whitfield <dana@northwind.example>\n=09Sent by: list-bounce@northwind.example\n=0910/24/2000 04:00 PM\n=09=09=20\n=09=09 To: Alex Morgan/HOU/NW@NW\n=09=09 cc:=20\n=09=09 Subject: Schedule")]
    [InlineData("Forwarded by, wrapped", "---------------------- Forwarded by Alex Morgan/HOU/NW on 11/20/2000\n05:54 PM ---------------------------\n\n\nDana Whitfield\n11/20/2000 12:17 PM\nTo: Alex Morgan/HOU/NW@NW\ncc: \nSubject: Schedule")]
    [InlineData("Forwarded by, one line", "----- Forwarded by Alex Morgan/HOU/NW on 05/22/01 11:33 AM -----\n\nDana Whitfield wrote a note about the schedule.")]
    [InlineData("Yahoo attribution, wrapped", "--- Dana Whitfield <dana@northwind.example>\nwrote:\n> The revised schedule is attached.")]
    [InlineData("Address bracket wrapped with the verb", "On Thu, Jun 8, 2017 at 1:43 AM, Dana Whitfield <dana@northwind.example\n> wrote:\n\n> The revised schedule is attached.")]
    [InlineData("Forum gateway without a colon", "Dana Whitfield wrote\n> The revised schedule is attached.")]
    public void ReplyEndsWhereTheQuotedMessageBegins(string form, string history)
    {
        var reply = ReplyExtractor.ExtractText($"{Own}\n\n\n{history}{Quoted}");
        Assert.True(reply.HistoryRemoved, form);
        Assert.Equal(Own, reply.NewText);
    }

    [Fact]
    public void ForwardWithNothingTypedAboveHasAnEmptyReply()
    {
        var reply = ReplyExtractor.ExtractText("---------------------- Forwarded by Alex Morgan/HOU/NW on 12/01/2000\n09:23 AM ---------------------------\n\n\nDana Whitfield <dana@northwind.example> on 12/01/2000 07:29:01 AM\nTo: alex@ghostassist.example\ncc: \nSubject: Schedule" + Quoted);
        Assert.True(reply.HistoryRemoved);
        Assert.Equal("", reply.NewText);
    }

    [Fact]
    public void WritersOwnNameAboveAnAddressListIsNotAQuotedHeader()
    {
        // No sent time and no header label above "To:": the lines are the writer's, not Lotus's.
        var text = "Please add these two to the invite.\n\nThanks,\nAlex\nTo: dana@northwind.example\ncc: pat@northwind.example\nSubject: Schedule\n\nOld text.";
        var reply = ReplyExtractor.ExtractText(text);
        Assert.Equal("Please add these two to the invite.\n\nThanks,\nAlex", reply.NewText);
    }

    [Fact]
    public void MboxEscapedFromLineIsTheWritersText()
    {
        var reply = ReplyExtractor.ExtractText("Hello,\n\n>From where can we download the client?\n\nThanks");
        Assert.False(reply.HistoryRemoved);
        Assert.Contains(">From where can we download the client?", reply.NewText);
    }

    [Fact]
    public void RuleAtTheEndOfAMailWithoutHistoryIsKept()
    {
        var reply = ReplyExtractor.ExtractText("Dana Whitfield\nPhone: 555 0100\n=================================");
        Assert.EndsWith("=================================", reply.NewText);
    }
}

/// <summary>Inputs built to be slow still read right, and the work stops when the caller goes away.</summary>
public sealed class ExtractionHostileInputTests
{
    [Fact]
    public void ClosingTagsWithoutAnOpenElementAreIgnoredAndTheReplyIsStillRead()
    {
        var html = "<div>" + string.Concat(Enumerable.Repeat("<ol>", 5000)) + "The signed order form is attached."
            + string.Concat(Enumerable.Repeat("</ul>", 5000)) + "</div><div>Bob<hr><b>From:</b> Dana Whitfield &lt;dana@northwind.example&gt;<br><b>Sent:</b> Monday<br><b>Subject:</b> Pilot</div><div>Old text</div>";
        var reply = ReplyExtractor.Extract(html, isHtml: true);
        Assert.Equal("The signed order form is attached.", reply.NewText);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ExtractionStopsWhenTheCallerHasGoneAway(bool isHtml)
    {
        var body = string.Concat(Enumerable.Repeat(isHtml ? "<p>Line of a long body.</p>" : "Line of a long body.\n", 20_000));
        using var gone = new CancellationTokenSource();
        gone.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ReplyExtractor.Extract(body, isHtml, int.MaxValue, gone.Token));
    }
}
