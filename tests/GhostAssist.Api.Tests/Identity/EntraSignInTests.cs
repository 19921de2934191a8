using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using GhostAssist.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;
using static GhostAssist.Api.Tests.Foundation.FoundationTests;

namespace GhostAssist.Api.Tests.Identity;

public sealed class EntraSignInTests(FakeMicrosoftFixture entra) : IClassFixture<FakeMicrosoftFixture>
{
    [Fact]
    public async Task ValidEntraTokenSignsTheUserInWithGraphAsTheMailbox()
    {
        using var client = entra.ClientWith(entra.Microsoft.MintToken(roles: ["TeamLead"]));

        using var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(FakeMicrosoft.UserId, me.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(FakeMicrosoft.TenantId, me.GetProperty("user").GetProperty("tenantId").GetString());
        Assert.Equal("Dana Owner", me.GetProperty("user").GetProperty("name").GetString());
        Assert.True(me.GetProperty("user").GetProperty("isTeamLead").GetBoolean());
        Assert.Equal("entra", me.GetProperty("sources").GetProperty("auth").GetString());
        Assert.Equal("graph", me.GetProperty("sources").GetProperty("mailbox").GetString());
    }

    [Fact]
    public async Task TokenWithTheClientIdAsAudienceIsAccepted()
    {
        using var client = entra.ClientWith(entra.Microsoft.MintToken(audience: FakeMicrosoft.ClientId));

        using var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RequestWithoutTokenIsAskedToSignInWithABearerChallenge()
    {
        using var client = entra.Api.CreateClient();

        using var response = await client.GetAsync("/api/me");

        await AssertProblem(response, HttpStatusCode.Unauthorized, "access token");
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.DoesNotContain("error=", challenge.Parameter ?? "", StringComparison.Ordinal);
    }

    public static TheoryData<string> SpoiledTokens => ["wrong-audience", "wrong-issuer", "expired", "bad-signature", "not-a-jwt"];

    [Theory]
    [MemberData(nameof(SpoiledTokens))]
    public async Task SpoiledTokenIsRefusedWith401AndInvalidTokenChallenge(string spoil)
    {
        var fake = entra.Microsoft;
        var token = spoil switch
        {
            "wrong-audience" => fake.MintToken(audience: "api://someone-else"),
            "wrong-issuer" => fake.MintToken(issuer: "https://login.example.invalid/evil/v2.0"),
            "expired" => fake.MintToken(expires: DateTime.UtcNow.AddMinutes(-10)),
            "bad-signature" => fake.MintToken(signingKey: new RsaSecurityKey(RSA.Create(2048)) { KeyId = fake.SigningKey.KeyId }),
            _ => "not.a.jwt",
        };
        using var client = entra.ClientWith(token);

        using var response = await client.GetAsync("/api/me");

        var expected = spoil switch
        {
            "wrong-audience" => "another audience",
            "wrong-issuer" => "issuer",
            "expired" => "expired",
            "bad-signature" => "signature",
            _ => "malformed",
        };
        await AssertProblem(response, HttpStatusCode.Unauthorized, expected);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.DoesNotContain(token, entra.Api.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenWithoutTheAccessAsUserScopeIsForbidden()
    {
        using var client = entra.ClientWith(entra.Microsoft.MintToken(scopes: "User.Read"));

        using var response = await client.GetAsync("/api/me");

        await AssertProblem(response, HttpStatusCode.Forbidden, "access_as_user");
    }

    [Fact]
    public async Task TheTeamLeadPolicyForbidsAMemberAndAdmitsALead()
    {
        var policies = (Microsoft.AspNetCore.Authorization.IAuthorizationService)entra.Api.Services.GetService(typeof(Microsoft.AspNetCore.Authorization.IAuthorizationService))!;
        var member = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new("oid", "m"), new("tid", "t"), new System.Security.Claims.Claim("scp", "access_as_user")], "Bearer", "name", "roles"));
        var lead = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new("oid", "l"), new("tid", "t"), new("scp", "access_as_user"), new System.Security.Claims.Claim("roles", "TeamLead")], "Bearer", "name", "roles"));

        Assert.False((await policies.AuthorizeAsync(member, null, GhostAssist.Api.Identity.IdentitySetup.TeamLeadPolicy)).Succeeded);
        Assert.True((await policies.AuthorizeAsync(lead, null, GhostAssist.Api.Identity.IdentitySetup.TeamLeadPolicy)).Succeeded);
    }

    [Fact]
    public async Task PaneConfigTellsTheClientIdAuthorityAndScopeWithoutSignIn()
    {
        using var client = entra.Api.CreateClient();

        using var response = await client.GetAsync("/api/config");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var auth = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("auth");
        Assert.Equal("entra", auth.GetProperty("mode").GetString());
        Assert.Equal(FakeMicrosoft.ClientId, auth.GetProperty("clientId").GetString());
        Assert.Equal(entra.Microsoft.Instance + FakeMicrosoft.TenantId, auth.GetProperty("authority").GetString());
        Assert.Equal($"api://{FakeMicrosoft.ClientId}/access_as_user", Assert.Single(auth.GetProperty("scopes").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task MultiTenantAppAcceptsAnyTenantsTokenIssuedByThatTenant()
    {
        await using var api = entra.CreateApi(new Dictionary<string, string?> { ["AzureAd:TenantId"] = "organizations" });
        const string otherTenant = "99999999-0000-4000-8000-000000000099";
        using var own = entra.ClientWith(entra.Microsoft.MintToken(tenant: otherTenant), api);
        using var forged = entra.ClientWith(entra.Microsoft.MintToken(tenant: otherTenant, issuer: entra.Microsoft.Issuer(FakeMicrosoft.TenantId)), api);

        using var accepted = await own.GetAsync("/api/me");
        using var refused = await forged.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(otherTenant, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user").GetProperty("tenantId").GetString());
        await AssertProblem(refused, HttpStatusCode.Unauthorized, "issuer");
    }

    [Fact]
    public async Task EntraModeMayListenBeyondLoopback()
    {
        await using var api = entra.CreateApi(new Dictionary<string, string?> { ["urls"] = "http://0.0.0.0:5080" });
        using var client = entra.ClientWith(entra.Microsoft.MintToken(), api);

        using var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ThePanesOwnPagesLoadWithoutSignInButTheApiDoesNot()
    {
        using var client = entra.Api.CreateClient();

        using var page = await client.GetAsync("/taskpane/some-route");
        using var api = await client.GetAsync("/api/threads");
        using var unknownApi = await client.GetAsync("/api/no-such-endpoint");

        Assert.NotEqual(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, page.StatusCode);
        await AssertProblem(api, HttpStatusCode.Unauthorized, "access token");
        Assert.Equal(HttpStatusCode.Unauthorized, unknownApi.StatusCode);
    }

    [Fact]
    public void EntraModeWithoutASecretOrCertificateRefusesToStart()
    {
        using var api = entra.CreateApi(new Dictionary<string, string?> { ["AzureAd:ClientSecret"] = "" });

        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains("AzureAd:ClientSecret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocumentDeclaresBearerSignIn()
    {
        using var client = entra.Api.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("security")[0].TryGetProperty("bearer", out _));
    }
}
