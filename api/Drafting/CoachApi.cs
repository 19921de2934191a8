namespace GhostAssist.Api.Drafting;

public static class CoachApi
{
    public static RouteGroupBuilder MapCoach(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/coach").WithTags("Coach");
        return group;
    }
}
