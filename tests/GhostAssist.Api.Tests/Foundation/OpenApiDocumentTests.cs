using System.Text.Json;
using System.Text.Json.Nodes;
using GhostAssist.Api.Tests.Infrastructure;

namespace GhostAssist.Api.Tests.Foundation;

/// <summary>
/// The pane's wire types are generated from <c>addin/openapi.json</c> (openapi-typescript). This test
/// keeps that file equal to what the API serves, so a change on one side that the other does not
/// follow fails the build. Regenerate both with <c>bash scripts/api-types.sh</c>.
/// </summary>
public sealed class OpenApiDocumentTests(GhostAssistFactory factory) : IClassFixture<GhostAssistFactory>
{
    /// <summary>Set to 1 (scripts/api-types.sh does) to write the served document instead of comparing.</summary>
    public const string UpdateVariable = "GHOSTASSIST_UPDATE_OPENAPI";

    public static string CheckedInPath => SharedFiles.Repo("addin", "openapi.json");

    [Fact]
    public async Task CheckedInOpenApiDocumentMatchesWhatTheApiServes()
    {
        using var client = factory.CreateClient();
        var served = Normalise(await client.GetStringAsync("/swagger/v1/swagger.json"));

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(CheckedInPath, served);
            return;
        }

        Assert.True(File.Exists(CheckedInPath), "addin/openapi.json is missing: run bash scripts/api-types.sh");
        var checkedIn = Normalise(await File.ReadAllTextAsync(CheckedInPath));
        Assert.True(
            checkedIn == served,
            "addin/openapi.json differs from the API's OpenAPI document: run bash scripts/api-types.sh and commit the result " +
            $"(first difference at character {FirstDifference(checkedIn, served)}).");
    }

    // One stable text for both sides: indented, "\n" line ends, a final newline.
    private static string Normalise(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ReplaceLineEndings("\n") + "\n";

    private static int FirstDifference(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return length;
    }
}
