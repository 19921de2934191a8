namespace GhostAssist.Api.Templates;

public static class TemplatesSetup
{
    public static WebApplicationBuilder AddTemplates(this WebApplicationBuilder builder)
    {
        return builder;
    }
}
