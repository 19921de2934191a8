using System.Text.Json;
using System.Text.RegularExpressions;
using GhostAssist.Api.Analysis;
using GhostAssist.Api.Tests.Infrastructure;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>The public talon corpus: real replies from a dozen mail clients, read in place from the shared folder.</summary>
public sealed partial class TalonCorpusTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        using var expected = JsonDocument.Parse(File.ReadAllText(SharedFiles.Shared("corpus", "talon", "expected.json")));
        foreach (var entry in expected.RootElement.EnumerateObject())
        {
            data.Add(entry.Name);
        }

        return data;
    }

    [Fact]
    public void CorpusHasAllTwentyThreeCases() => Assert.Equal(23, Cases().Count);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReplyWithoutQuotedHistoryIsExtracted(string file)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(SharedFiles.Shared("corpus", "talon", "expected.json")));
        var entry = expected.RootElement.GetProperty(file);
        var isHtml = entry.GetProperty("contentType").GetString() == "html";
        var want = entry.GetProperty("expectedReply").GetString()!;
        var body = File.ReadAllText(SharedFiles.Shared(["corpus", "talon", .. file.Split('/')]));

        var reply = ReplyExtractor.Extract(body, isHtml);

        if (isHtml)
        {
            Assert.Equal(Whitespace().Replace(want, ""), Whitespace().Replace(reply.NewText, ""));
        }
        else
        {
            Assert.Equal(TrimLines(want), TrimLines(reply.NewText));
        }
    }

    private static string TrimLines(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd())).Trim('\n');

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
