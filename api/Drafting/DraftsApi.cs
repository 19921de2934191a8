namespace GhostAssist.Api.Drafting;

public static class DraftsApi
{
    public static RouteGroupBuilder MapDrafts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Drafts");
        return group;
    }
}
