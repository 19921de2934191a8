using Microsoft.OpenApi;

namespace GhostAssist.Api.Infrastructure;

public static class OpenApiDocs
{
    public static WebApplicationBuilder AddOpenApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "GhostAssist API",
                Version = "v1",
                Description = "Reads a mail thread, says how likely the contact is ghosting and why, drafts the right follow-up and coaches it before it is sent.",
            });
            options.CustomSchemaIds(type => type.FullName?.Replace("GhostAssist.Api.", "", StringComparison.Ordinal).Replace('+', '.'));
        });
        return builder;
    }

    public static WebApplication UseOpenApiDocs(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "GhostAssist API v1");
            options.DocumentTitle = "GhostAssist API";
        });
        return app;
    }
}
