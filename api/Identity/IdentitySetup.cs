using Microsoft.AspNetCore.Authentication;

namespace GhostAssist.Api.Identity;

public static class IdentitySetup
{
    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AzureAdOptions>(builder.Configuration.GetSection("AzureAd"));
        builder.Services.Configure<DemoUserOptions>(builder.Configuration.GetSection("DemoUser"));

        builder.Services.AddAuthentication(DemoAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, DemoAuthenticationHandler>(DemoAuthenticationHandler.SchemeName, null);

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}
