using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GhostAssist.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GhostAssist.Api.Tests.Analysis;

/// <summary>
/// The labelled suite: threads in Graph JSON written from the seeds' situations and the mistakes of issue 12
/// (Analysis/Labelled/*.json), each with the counts, signals, level and top-3 plays a seasoned CSM expects.
/// Every thread goes through POST /api/analysis at a fixed clock; the table shows each field and the test
/// fails on any miss.
/// </summary>
public sealed class LabelledThreadsTests(FixedClockFactory factory, ITestOutputHelper output) : IClassFixture<FixedClockFactory>
{
    public static string Folder => SharedFiles.Repo("tests", "GhostAssist.Api.Tests", "Analysis", "Labelled");

    [Fact]
    public async Task EveryLabelledThreadIsReadAsLabelled()
    {
        var files = Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 40, $"The labelled suite needs at least 40 threads; {files.Count} found.");

        using var client = factory.CreateClient();
        var table = new StringBuilder();
        table.AppendLine($"{"thread",-44} {"chases",-7} {"days",-7} {"turn",-6} {"signals",-8} {"level",-7} {"plays",-6}");
        var misses = new List<string>();
        var fields = new Dictionary<string, int> { ["chases"] = 0, ["days"] = 0, ["turn"] = 0, ["signals"] = 0, ["level"] = 0, ["plays"] = 0 };
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            var thread = document.RootElement;
            var name = thread.GetProperty("name").GetString()!;
            var expected = thread.GetProperty("expected");
            using var response = await client.PostAsJsonAsync("/api/analysis", new { me = thread.GetProperty("me").GetString(), messages = thread.GetProperty("messages") });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{name}: {(int)response.StatusCode} {body}");
            var actual = JsonDocument.Parse(body).RootElement;

            var chases = actual.GetProperty("unansweredChases").GetInt32();
            var days = actual.GetProperty("daysSilent").GetInt32();
            var turn = actual.GetProperty("awaitingThem").GetBoolean();
            var signals = actual.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToList();
            var level = actual.GetProperty("ghostRisk").GetProperty("level").GetString()!;
            var plays = actual.GetProperty("recommended").EnumerateArray().Select(p => p.GetProperty("kind").GetString()!).Take(3).ToList();

            var expectedSignals = expected.GetProperty("signals").EnumerateArray().Select(s => s.GetString()!).Order(StringComparer.Ordinal).ToList();
            var expectedPlays = expected.GetProperty("topPlays").EnumerateArray().Select(s => s.GetString()!).ToList();
            var row = new Dictionary<string, (bool Ok, string Got, string Want)>
            {
                ["chases"] = (chases == expected.GetProperty("unansweredChases").GetInt32(), chases.ToString(), expected.GetProperty("unansweredChases").GetInt32().ToString()),
                ["days"] = (days == expected.GetProperty("daysSilent").GetInt32(), days.ToString(), expected.GetProperty("daysSilent").GetInt32().ToString()),
                ["turn"] = (turn == expected.GetProperty("awaitingThem").GetBoolean(), turn ? "them" : "us", expected.GetProperty("awaitingThem").GetBoolean() ? "them" : "us"),
                ["signals"] = (signals.SequenceEqual(expectedSignals), string.Join(",", signals), string.Join(",", expectedSignals)),
                ["level"] = (level == expected.GetProperty("level").GetString(), level, expected.GetProperty("level").GetString()!),
                ["plays"] = (plays.SequenceEqual(expectedPlays), string.Join(",", plays), string.Join(",", expectedPlays)),
            };

            table.Append($"{name,-44}");
            foreach (var (field, (ok, got, want)) in row)
            {
                table.Append($" {(ok ? "ok" : "MISS"),-7}");
                if (ok)
                {
                    fields[field]++;
                }
                else
                {
                    misses.Add($"{name} {field}: got [{got}], expected [{want}]");
                }
            }

            table.AppendLine();
        }

        table.AppendLine($"{"right per field (of " + files.Count + ")",-44} {fields["chases"],-7} {fields["days"],-7} {fields["turn"],-6} {fields["signals"],-8} {fields["level"],-7} {fields["plays"],-6}");
        output.WriteLine(table.ToString());
        foreach (var miss in misses)
        {
            output.WriteLine(miss);
        }

        Assert.True(misses.Count == 0, $"{misses.Count} labelled field(s) missed:\n" + string.Join("\n", misses));
    }
}
