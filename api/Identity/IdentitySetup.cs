using GhostAssist.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.Identity.Web.Resource;
using Microsoft.Identity.Web.TokenCacheProviders.Distributed;
using Microsoft.OpenApi;

namespace GhostAssist.Api.Identity;

public static class IdentitySetup
{
    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("AzureAd");
        builder.Services.Configure<AzureAdOptions>(section);
        builder.Services.Configure<DemoUserOptions>(builder.Configuration.GetSection("DemoUser"));
        var azureAd = section.Get<AzureAdOptions>() ?? new AzureAdOptions();

        // Problems thrown as exceptions lose their headers when the exception handler clears the
        // response; the claims challenge and Retry-After are put back as the problem is written.
        builder.Services.PostConfigure<ProblemDetailsOptions>(options =>
        {
            var customize = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                ClaimsChallenge.AddHeaders(context);
            };
        });

        builder.Services.AddHttpClient(IdentityHttpClients.Entra);
        var scopePolicy = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(context => ScopePolicy.Scopes(context.User).Contains(azureAd.Scope, StringComparer.Ordinal))
            .Build();
        // Endpoints that declare nothing: the API needs the scope; the pane's own pages (the SPA
        // fallback to index.html) must load before the pane can sign in, like its static files do.
        var fallbackPolicy = new AuthorizationPolicyBuilder()
            .RequireAssertion(context => !IsApiRequest(context.Resource)
                || (context.User.Identity?.IsAuthenticated == true && ScopePolicy.Scopes(context.User).Contains(azureAd.Scope, StringComparer.Ordinal)))
            .Build();
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(scopePolicy)
            .SetFallbackPolicy(fallbackPolicy)
            .AddPolicy(TeamLeadPolicy, policy => policy.Combine(scopePolicy).RequireRole(AppUser.TeamLeadRole));

        if (ServiceSources.From(builder.Configuration).IsDemo)
        {
            DemoModeGuard.EnsureLoopbackOnly(builder.Configuration);
            builder.Services.AddAuthentication(DemoAuthenticationHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, DemoAuthenticationHandler>(DemoAuthenticationHandler.SchemeName, null);
            return builder;
        }

        if (string.IsNullOrWhiteSpace(azureAd.TenantId))
        {
            throw new InvalidOperationException("AzureAd:ClientId is set but AzureAd:TenantId is not: set your tenant id, or 'organizations' for a multi-tenant app.");
        }

        if (string.IsNullOrWhiteSpace(azureAd.ClientSecret) && azureAd.ClientCertificates.Count == 0)
        {
            throw new InvalidOperationException("AzureAd:ClientId is set but neither AzureAd:ClientSecret nor AzureAd:ClientCertificates is: the API needs one to read mail from Microsoft Graph on the user's behalf.");
        }

        // Microsoft.Identity.Web validates the tokens (signature, issuer per tenant, audience, lifetime)
        // and acquires Graph tokens on the user's behalf; the AzureAd section is its own shape.
        var identityWeb = builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddMicrosoftIdentityWebApi(section, JwtBearerDefaults.AuthenticationScheme)
            .EnableTokenAcquisitionToCallDownstreamApi();
        builder.Services.AddSingleton<IConfigureOptions<JwtBearerOptions>, EntraJwtBearerOptionsSetup>();
        // The issuer validator reads the tenant's metadata itself: through the same DI client as JwtBearer.
        builder.Services.Configure<AadIssuerValidatorOptions>(options => options.HttpClientName = IdentityHttpClients.Entra);
        // Swagger UI can then call the API with a token pasted into "Authorize".
        builder.Services.ConfigureSwaggerGen(swagger =>
        {
            swagger.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = $"An Entra ID access token for {azureAd.ApplicationIdUri}/{azureAd.Scope}.",
            });
            swagger.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        });

        if (RedisSetup.Configuration(builder.Configuration) is not null)
        {
            // Every instance reads and writes the same tokens (IDistributedCache over Redis, see
            // AddRedis); they are encrypted with data protection keys the instances share.
            identityWeb.AddDistributedTokenCaches();
            builder.Services.Configure<MsalDistributedTokenCacheAdapterOptions>(options =>
            {
                options.Encrypt = true;
                // A Redis outage costs a token request to Entra ID, not the user's request: no retry,
                // the in-memory copy (L1) serves, and the failure is counted so the outage shows.
                options.OnL2CacheFailure = _ =>
                {
                    Telemetry.RecordSharedCacheFailure("tokens");
                    return false;
                };
            });
        }
        else
        {
            identityWeb.AddInMemoryTokenCaches(cache => cache.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(2), memory => memory.SizeLimit = 64L * 1024 * 1024);
        }

        builder.Services.AddScoped<OnBehalfOfTokens>();
        builder.Services.AddHttpContextAccessor();
        return builder;
    }

    /// <summary>Endpoints only a team lead (the TeamLead app role) may call.</summary>
    public const string TeamLeadPolicy = "TeamLead";

    private static bool IsApiRequest(object? resource) =>
        resource is not HttpContext context || context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/swagger");
}
