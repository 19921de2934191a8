namespace GhostAssist.Api.Templates;

public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplates(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/templates").WithTags("Templates");
        return group;
    }
}
